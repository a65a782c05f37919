"""The local sandbox: each workspace is a copy of the snapshot in a temp folder, and each
command runs in its own session and process group, killed as a group at its deadline.

Environment variables that look like credentials are not passed to the project's code.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from homeostasis.tools.project import write_source
from homeostasis.tools.sandbox.base import CommandResult, CommandStatus
from homeostasis.tools.sandbox.bytecode import BytecodeCache
from homeostasis.tools.sandbox.limits import Limits
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.sandbox.warm import WarmPytest, accepts

#: The most output kept per command (its tail); the rest is dropped, never held in memory.
OUTPUT_LIMIT = 256 * 1024

_SECRET_NAME = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH)", re.IGNORECASE)


def scrubbed_environ(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The host environment without likely credentials, plus settings that keep runs
    reproducible. Bytecode may be written: workspaces are throw-away copies, and the first
    one's bytecode is reused by the next (:mod:`bytecode`)."""
    env = {k: v for k, v in os.environ.items() if not _SECRET_NAME.search(k)}
    env.update(PYTHONHASHSEED="0", PYTHONUNBUFFERED="1")
    for name in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX"):
        env.pop(name, None)
    if extra:
        env.update(extra)
    return env


def write_changes(root: Path, snapshot: Snapshot, changes: Mapping[str, str]) -> None:
    """Write changed file texts into a workspace, each in its original encoding."""
    for path, text in changes.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        like = snapshot.read_bytes(path) if path in snapshot.hashes else b""
        write_source(target, text, like)


def _tail(path: Path, limit: int = OUTPUT_LIMIT) -> str:
    size = path.stat().st_size
    with path.open("rb") as fh:
        if size > limit:
            fh.seek(size - limit)
        data = fh.read()
    text = data.decode("utf-8", errors="replace")
    return f"[… {size - limit} bytes of output cut …]\n{text}" if size > limit else text


@dataclass
class LocalWorkspace:
    root: Path
    scratch: Path
    sandbox: LocalSandbox

    def run(
        self, argv: Sequence[str], timeout: float, env: Mapping[str, str] | None = None
    ) -> CommandResult:
        return self.sandbox.run(argv, cwd=self.root, scratch=self.scratch, timeout=timeout, env=env)

    @property
    def tree(self) -> Path:
        return self.root

    def put_file(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def read_file(self, path: Path) -> bytes | None:
        try:
            return path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None


class LocalSandbox:
    """Runs commands on this machine, in temp copies under ``base`` (a fresh temp dir when
    omitted)."""

    name = "local"

    def __init__(self, base: Path | None = None, warm: bool = True, limits: Limits | None = None,
                 protect: Sequence[Path] = ()) -> None:
        self.base = base or Path(tempfile.mkdtemp(prefix="homeostasis-"))
        self.warm = warm
        self.limits = limits or Limits()
        #: Folders the project's code must not write to (the user's project, their home).
        self.protect = tuple(protect)
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[bytes]] = set()
        self._warm_pids: set[int] = set()
        self._warm_server: WarmPytest | None = None
        self._cancelled = False
        self._count = 0
        self._bytecode: dict[Path, BytecodeCache] = {}

    @contextmanager
    def workspace(
        self, snapshot: Snapshot, changes: Mapping[str, str] | None = None
    ) -> Iterator[LocalWorkspace]:
        with self._lock:
            self._count += 1
            n = self._count
            bytecode = self._bytecode.setdefault(
                snapshot.root, BytecodeCache(snapshot, self.base / f"bytecode-{n:04d}"))
        home = self.base / f"ws-{n:04d}"
        root, scratch = home / "project", home / "scratch"
        try:
            snapshot.copy_to(root)
            bytecode.seed(root, changes or {})
            scratch.mkdir()
            if changes:
                write_changes(root, snapshot, changes)
            yield LocalWorkspace(root=root, scratch=scratch, sandbox=self)
            if not changes:
                bytecode.harvest(root)
        finally:
            _remove_tree(home)

    def run(
        self,
        argv: Sequence[str],
        cwd: Path,
        scratch: Path,
        timeout: float,
        env: Mapping[str, str] | None = None,
    ) -> CommandResult:
        """Run ``argv`` in ``cwd``; output goes to a file in ``scratch`` and its tail is kept."""
        args = tuple(argv)
        fd, name = tempfile.mkstemp(prefix="out-", dir=scratch)
        os.close(fd)
        out_path = Path(name)
        start = time.monotonic()
        if self._cancelled:
            return CommandResult(args, "killed", None, "cancelled", 0.0)
        full_env = scrubbed_environ(env)
        server = self._server() if self.warm and accepts(args, env) else None
        outcome = self._run_warm(server, args, cwd, full_env, out_path, timeout) if server else None
        if outcome is None:
            outcome = self._run_process(args, cwd, full_env, out_path, timeout)
        status, rc, detail = outcome
        output = detail or _tail(out_path)
        out_path.unlink()
        return CommandResult(args, status, rc, output, time.monotonic() - start)

    def _server(self) -> WarmPytest | None:
        with self._lock:
            if self._warm_server is None and not self._cancelled:
                self._warm_server = WarmPytest(scrubbed_environ())
            return self._warm_server

    def _run_warm(
        self, server: WarmPytest, args: tuple[str, ...], cwd: Path, env: dict[str, str],
        out: Path, timeout: float,
    ) -> tuple[CommandStatus, int | None, str] | None:
        """A run forked from the warm pytest server; None when the server cannot take it."""
        started = server.start(args[3:], cwd, env, out)
        if started is None:
            return None
        pid, request = started
        with self._lock:
            self._warm_pids.add(pid)
        try:
            rc = server.finish(request, timeout)
            status: CommandStatus = "killed" if self._cancelled else "ok"
        except queue.Empty:
            _kill_pgid(pid)
            with contextlib.suppress(queue.Empty):
                server.finish(request, 5)
            status, rc = "timeout", None
        finally:
            _kill_pgid(pid)  # stray children of a finished run go too
            with self._lock:
                self._warm_pids.discard(pid)
        return status, rc, ""

    def _run_process(
        self, args: tuple[str, ...], cwd: Path, env: dict[str, str], out_path: Path,
        timeout: float,
    ) -> tuple[CommandStatus, int | None, str]:
        with out_path.open("wb") as out:
            with self._lock:
                if self._cancelled:
                    return "killed", None, "cancelled"
                try:
                    proc = subprocess.Popen(
                        args, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                        stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                    )
                except OSError as exc:  # missing, not executable, no interpreter line…
                    return "not_found", None, str(exc)
                self._running.add(proc)
            try:
                proc.wait(timeout=timeout)
                status: CommandStatus = "killed" if self._cancelled else "ok"
            except subprocess.TimeoutExpired:
                kill_group(proc)
                status = "timeout"
            finally:
                kill_group(proc)  # stray children of a finished command go too
                with self._lock:
                    self._running.discard(proc)
        return status, None if status == "timeout" else proc.returncode, ""

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            running = list(self._running)
            pids = list(self._warm_pids)
        for proc in running:
            kill_group(proc)
        for pid in pids:
            _kill_pgid(pid)

    def close(self) -> None:
        """Kill what still runs, stop the warm server and remove every workspace."""
        self.cancel()
        if self._warm_server is not None:
            self._warm_server.close()
        _remove_tree(self.base)


def _kill_pgid(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill the process group a command started in its own session, and reap its leader."""
    _kill_pgid(proc.pid)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
