"""The warm-server path of the local sandbox: the client of the warm pytest server
(``pytest_server.py``), started once per sandbox, sent test runs from any thread, each child's
pid and exit code coming back; and a run forked from it, watched to its deadline.

Only the commands :func:`~homeostasis.tools.sandbox.warmable.accepts` go through it; anything
else (another interpreter, a changed ``PYTHONPATH``) runs as a fresh process.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import queue
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from homeostasis.tools.sandbox.local.cgroups import join_file
from homeostasis.tools.sandbox.local.process import ProcessResult, Running, wait_watching
from homeostasis.tools.sandbox.processes import kill_pgid

#: Docker's ``warm_socket.py`` runs it too, so it lives at the top of the sandbox package.
SERVER = Path(__file__).parents[1] / "pytest_server.py"
_START_TIMEOUT = 30.0


class WarmPytest:
    """One server process, run by the interpreter ``python``; thread-safe. ``prefix`` goes
    before the server's command (the sandbox's ``isolate.py``): what it sets up, every forked
    run inherits."""

    def __init__(self, env: Mapping[str, str], prefix: Sequence[str] = (),
                 python: str = sys.executable) -> None:
        self.python = python
        self._proc = subprocess.Popen(
            [*prefix, python, str(SERVER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=dict(env), start_new_session=True,
        )
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._waiting: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            message = json.loads(line)
            with self._lock:
                box = self._waiting.get(message["id"])
            if box is not None:
                box.put(message)
        with self._lock:
            boxes = list(self._waiting.values())
        for box in boxes:  # the server died: wake everyone up
            box.put({"returncode": None, "dead": True})

    @property
    def pid(self) -> int:
        return self._proc.pid

    def start(self, args: Sequence[str], cwd: Path, env: Mapping[str, str], out: Path,
              cgroup: Path | None = None) -> tuple[int, int] | None:
        """Start a run (in the pids ``cgroup``, when given); (child pid, request id), or None
        when the server is gone."""
        request_id = next(self._ids)
        box: queue.Queue[dict[str, Any]] = queue.Queue()
        request = {"id": request_id, "args": list(args), "cwd": str(cwd), "env": dict(env),
                   "out": str(out), "join_cgroup": str(join_file(cgroup)) if cgroup else None}
        with self._lock:
            self._waiting[request_id] = box
            try:
                assert self._proc.stdin is not None
                self._proc.stdin.write((json.dumps(request) + "\n").encode())
                self._proc.stdin.flush()
            except (BrokenPipeError, OSError, ValueError):
                self._waiting.pop(request_id, None)
                return None
        try:
            started = box.get(timeout=_START_TIMEOUT)
        except queue.Empty:
            return None
        return (started["pid"], request_id) if "pid" in started else None

    def finish(self, request_id: int, timeout: float | None) -> int | None:
        """The exit code of a started run (None if the server died); raises ``queue.Empty``
        at the timeout, after which it may be called again."""
        with self._lock:
            box = self._waiting[request_id]
        message = box.get(timeout=timeout)
        with self._lock:
            self._waiting.pop(request_id, None)
        code = message.get("returncode")
        return code if isinstance(code, int) else None

    def close(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            if self._proc.stdin:
                self._proc.stdin.close()
        kill_pgid(self._proc.pid)
        self._proc.wait()
        self._reader.join(timeout=5)
        if self._proc.stdout:
            self._proc.stdout.close()


def run_warm(running: Running, server: WarmPytest, args: tuple[str, ...], cwd: Path,
             env: dict[str, str], out: Path, timeout: float, cap: int, cgroup: Path | None
             ) -> ProcessResult | None:
    """A run of ``args`` (``python -m pytest ...``) forked from the warm ``server``, its output
    going to ``out``, killed past ``timeout`` seconds or ``cap`` bytes of output; None when
    the server cannot take it."""
    started = server.start(args[3:], cwd, env, out, cgroup)
    if started is None:
        return None
    pid, request = started
    codes: list[int | None] = []

    def finished(seconds: float) -> bool:
        with contextlib.suppress(queue.Empty):
            codes.append(server.finish(request, seconds))
        return bool(codes)

    # Killed at the end: the run past its deadline or output cap, and stray children.
    with running.group(pid):
        ended = wait_watching(finished, out, timeout, cap)
    if not codes:
        with contextlib.suppress(queue.Empty):
            codes.append(server.finish(request, 5))
    if running.cancelled:
        return ProcessResult("killed", codes[0] if codes else None)
    if not ended:
        return ProcessResult("timeout", None)
    return ProcessResult("ok", codes[0] if codes else None)
