"""The local sandbox: each workspace is a copy of the snapshot in a temp folder, and each
command runs in its own session and process group, killed as a group at its deadline, isolated
by ``isolate.py`` (its own network and mount namespaces, resource limits) and, where the machine
allows, in a pids cgroup of its own that also catches the processes that left the group.

Environment variables that look like credentials are not passed to the project's code.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from homeostasis.core.project import write_source
from homeostasis.tools.sandbox import cgroups
from homeostasis.tools.sandbox.base import CommandResult, CommandStatus
from homeostasis.tools.sandbox.bytecode import BytecodeCache
from homeostasis.tools.sandbox.cgroups import PidsCgroups, join_file
from homeostasis.tools.sandbox.isolation import (
    Isolation,
    isolate_command,
    kill_namespace,
    network_namespace,
    probe,
    shield_from_tracing,
)
from homeostasis.tools.sandbox.limits import Facts, Limits, classify
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.sandbox.warm import WarmPytest, accepts

#: The most output kept per command (its tail); the rest is dropped, never held in memory.
OUTPUT_LIMIT = 256 * 1024
#: How often a running command's output size is looked at (a finished command is noticed at
#: once, not at the next look).
_WATCH_STEP = 0.1
_NO_CGROUP = "this user may not make one here"
_SANDBOX_IDS = itertools.count(1)

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


def _homed(env: dict[str, str], folder: Path) -> dict[str, str]:
    """``env`` with ``HOME`` and ``TMPDIR`` set to new folders ``home`` and ``tmp`` in
    ``folder``: the project's code gets neither the user's home nor the shared /tmp."""
    for name, sub in (("HOME", "home"), ("TMPDIR", "tmp")):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(folder / sub)
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
    omitted), each through ``isolate.py``: no network, nothing writable outside ``base``, and
    ``limits`` on memory, file size, processes and output. What this kernel refuses a user is
    found once (``isolation``) and said in ``warnings``."""

    name = "local"

    def __init__(self, base: Path | None = None, warm: bool = True, limits: Limits | None = None,
                 protect: Sequence[Path] = ()) -> None:
        self.base = base or Path(tempfile.mkdtemp(prefix="homeostasis-"))
        self.warm = warm
        self.limits = limits or Limits()
        #: Folders the project's code must not write to (the user's project, their home).
        self.protect = tuple(protect)
        self._lock = threading.Lock()
        self._probe_lock = threading.Lock()
        self._running: set[subprocess.Popen[bytes]] = set()
        self._warm_pids: set[int] = set()
        self._warm_server: WarmPytest | None = None
        self._cancelled = False
        self._count = 0
        self._bytecode: dict[Path, BytecodeCache] = {}
        self._isolation: Isolation | None = None
        self._cgroups: PidsCgroups | None = None
        self._run_cgroups: set[Path] = set()

    @property
    def isolation(self) -> Isolation:
        """What isolation this machine allows: probed once, before the first command."""
        return self._setup()

    def _setup(self) -> Isolation:
        with self._probe_lock:
            if self._isolation is None:
                shield_from_tracing()
                self.base.mkdir(parents=True, exist_ok=True)
                self._cgroups = PidsCgroups.open(f"{os.getpid()}-{next(_SANDBOX_IDS)}")
                cgroup = self._cgroups.make(self.limits.pids) if self._cgroups else None
                self._isolation = probe(self._spec(cgroup), "" if cgroup else _NO_CGROUP)
                if cgroup is not None:
                    cgroups.remove(cgroup)
            return self._isolation

    @property
    def warnings(self) -> list[str]:
        """What isolation is missing here, one line each, for the caller to print."""
        return self.isolation.warnings()

    def _spec(self, cgroup: Path | None, status_fd: int | None = None) -> dict[str, object]:
        """What ``isolate.py`` sets up for one command (or for the warm server)."""
        mb = self.limits
        return {"writable": [str(self.base.resolve())], "protect": [str(p) for p in self.protect],
                "memory_mb": mb.memory_mb, "disk_mb": mb.disk_mb, "pids": mb.pids,
                "join_cgroup": str(join_file(cgroup)) if cgroup else None,
                "status_fd": status_fd}

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
        """Run ``argv`` in ``cwd``; output goes to a file in ``scratch`` and its tail is kept.
        The command's ``HOME`` and ``TMPDIR`` are folders in ``scratch``."""
        args = tuple(argv)
        if self._cancelled:
            return CommandResult(args, "killed", None, "cancelled", 0.0)
        start = time.monotonic()
        self._setup()
        full_env = _homed(scrubbed_environ(env), scratch)
        fd, name = tempfile.mkstemp(prefix="out-", dir=scratch)
        os.close(fd)
        out_path = Path(name)
        cgroup = self._run_cgroup()
        try:
            server = self._server() if self.warm and accepts(args, env) else None
            outcome = (self._run_warm(server, args, cwd, full_env, out_path, timeout, cgroup)
                       if server else None)
            if outcome is None:
                outcome = self._run_process(args, cwd, full_env, out_path, timeout, cgroup)
            pids_exhausted = cgroup is not None and cgroups.exhausted(cgroup)
        finally:
            if cgroup is not None:
                self._release(cgroup)
        status, rc, detail = outcome
        capped = out_path.stat().st_size >= self._output_cap
        output = detail or _tail(out_path)
        out_path.unlink()
        limit = None
        if status == "ok":
            facts = Facts(output_capped=capped, pids_exhausted=pids_exhausted,
                          disk_full=rc == -signal.SIGXFSZ)
            limit = classify(facts, output, rc)
        return CommandResult(args, status, rc, output, time.monotonic() - start, limit)

    @property
    def _output_cap(self) -> int:
        """The output file's most bytes: past it the command is stopped (RLIMIT_FSIZE stops
        it anyway at ``disk_mb``)."""
        return min(self.limits.output_mb, self.limits.disk_mb) * 1024 * 1024

    def _run_cgroup(self) -> Path | None:
        """A pids cgroup of the run's own, when this machine allows them."""
        if self._cgroups is None:
            return None
        cgroup = self._cgroups.make(self.limits.pids)
        if cgroup is not None:
            with self._lock:
                self._run_cgroups.add(cgroup)
        return cgroup

    def _release(self, cgroup: Path) -> None:
        """Kill every process left in a run's cgroup, even those that left its session."""
        cgroups.remove(cgroup)
        with self._lock:
            self._run_cgroups.discard(cgroup)

    def _wait(self, finished: Callable[[float], bool], out: Path, timeout: float) -> bool:
        """Wait for ``finished`` (which waits at most the seconds it is given) while watching
        the output's size; False when the deadline passed, True when the command finished or
        printed too much (the caller kills it either way)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if finished(min(left, _WATCH_STEP)) or out.stat().st_size >= self._output_cap:
                return True

    def _server(self) -> WarmPytest | None:
        with self._lock:
            if self._warm_server is None and not self._cancelled:
                folder = self.base / "warm-server"
                env = _homed(scrubbed_environ(), folder)
                # Its runs move into cgroups of their own; this one holds the server.
                cgroup = self._cgroups.make(self.limits.pids) if self._cgroups else None
                self._warm_server = WarmPytest(env, isolate_command(self._spec(cgroup)))
            return self._warm_server

    def _run_warm(
        self, server: WarmPytest, args: tuple[str, ...], cwd: Path, env: dict[str, str],
        out: Path, timeout: float, cgroup: Path | None,
    ) -> tuple[CommandStatus, int | None, str] | None:
        """A run forked from the warm pytest server; None when the server cannot take it."""
        started = server.start(args[3:], cwd, env, out, cgroup)
        if started is None:
            return None
        pid, request = started
        with self._lock:
            self._warm_pids.add(pid)
        codes: list[int | None] = []

        def finished(seconds: float) -> bool:
            with contextlib.suppress(queue.Empty):
                codes.append(server.finish(request, seconds))
            return bool(codes)

        try:
            ended = self._wait(finished, out, timeout)
        finally:
            _kill_pgid(pid)  # the run past its deadline or output cap, and stray children
            with self._lock:
                self._warm_pids.discard(pid)
        if not codes:
            with contextlib.suppress(queue.Empty):
                codes.append(server.finish(request, 5))
        if self._cancelled:
            return "killed", codes[0] if codes else None, ""
        if not ended:
            return "timeout", None, ""
        return "ok", codes[0] if codes else None, ""

    def _run_process(
        self, args: tuple[str, ...], cwd: Path, env: dict[str, str], out_path: Path,
        timeout: float, cgroup: Path | None,
    ) -> tuple[CommandStatus, int | None, str]:
        """A fresh process, started through ``isolate.py``, which writes its report (or why
        the command could not be executed) on a status pipe that the exec closes."""
        status_r, status_w = os.pipe()
        with open(status_r, "rb") as status:
            try:
                with out_path.open("wb") as out, self._lock:
                    if self._cancelled:
                        return "killed", None, "cancelled"
                    try:
                        proc = subprocess.Popen(
                            [*isolate_command(self._spec(cgroup, status_w)), *args], cwd=cwd,
                            env=env, stdin=subprocess.DEVNULL, stdout=out,
                            stderr=subprocess.STDOUT, start_new_session=True,
                            pass_fds=(status_w,),
                        )
                    except OSError as exc:  # no such folder, no interpreter…
                        return "not_found", None, str(exc)
                    self._running.add(proc)
            finally:
                os.close(status_w)

            def finished(seconds: float) -> bool:
                try:
                    proc.wait(timeout=seconds)
                except subprocess.TimeoutExpired:
                    return False
                return True

            try:
                ended = self._wait(finished, out_path, timeout)
            finally:
                kill_group(proc)  # past its deadline or output cap, and stray children
                with self._lock:
                    self._running.discard(proc)
            report = _merged_lines(status.read())
        if "exec_error" in report:  # missing, not executable, no interpreter line…
            return "not_found", None, str(report["exec_error"])
        netns = report.get("report", {}).get("netns")
        if cgroup is None and netns:  # without a cgroup, this finds what left the group
            kill_namespace(netns)
        if self._cancelled:
            return "killed", proc.returncode, ""
        return ("ok", proc.returncode, "") if ended else ("timeout", None, "")

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            running = list(self._running)
            pids = list(self._warm_pids)
            groups = list(self._run_cgroups)
        for proc in running:
            kill_group(proc)
        for pid in pids:
            _kill_pgid(pid)
        for cgroup in groups:
            cgroups.kill(cgroup)

    def close(self) -> None:
        """Kill what still runs, stop the warm server and remove every workspace."""
        self.cancel()
        if self._warm_server is not None:
            netns = network_namespace(self._warm_server.pid)
            self._warm_server.close()
            if netns:  # what its runs left behind that no cgroup held
                kill_namespace(netns)
        if self._cgroups is not None:
            self._cgroups.close()
        _remove_tree(self.base)


def _merged_lines(data: bytes) -> dict[str, Any]:
    """JSON objects, one a line, merged into one."""
    merged: dict[str, Any] = {}
    for line in data.decode("utf-8", errors="replace").splitlines():
        with contextlib.suppress(ValueError):
            merged.update(json.loads(line))
    return merged


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
