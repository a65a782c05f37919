"""The client of the warm pytest server (:mod:`pytest_server`): start it once per sandbox,
send it test runs from any thread, and get each child's pid and exit code back.

Only commands that are exactly this interpreter's ``python -m pytest`` go through it; anything
else (another interpreter, a changed ``PYTHONPATH``) runs as a fresh process.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from homeostasis.tools.sandbox.cgroups import join_file

SERVER = Path(__file__).with_name("pytest_server.py")
_START_TIMEOUT = 30.0


def accepts(argv: Sequence[str], env: Mapping[str, str] | None) -> bool:
    """Whether the warm server can run ``argv`` exactly as a fresh process would."""
    startup_env = ("PYTHONPATH", "PYTEST_PLUGINS", "PYTEST_ADDOPTS", "PYTEST_DEBUG",
                   "PYTHONSTARTUP")
    return tuple(argv[:3]) == (sys.executable, "-m", "pytest") and not (
        env and any(k in env for k in startup_env))


class WarmPytest:
    """One server process; thread-safe. ``prefix`` goes before the server's command (the
    sandbox's ``isolate.py``): what it sets up, every forked run inherits."""

    def __init__(self, env: Mapping[str, str], prefix: Sequence[str] = ()) -> None:
        self._proc = subprocess.Popen(
            [*prefix, sys.executable, str(SERVER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
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
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._proc.pid, signal.SIGKILL)
        self._proc.wait()
        self._reader.join(timeout=5)
        if self._proc.stdout:
            self._proc.stdout.close()
