"""Processes, as the sandboxes (and the eval harness) handle them: every pid there is, killing
a process group, killing processes that may still be forking until none is left, and keeping a
process out of a debugger's reach.

Standard library only: besides the host modules, the Docker sandbox copies this file into each
container for ``container_run.py``.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterable


def all_pids() -> set[int]:
    """Every process this process can see."""
    return {int(entry) for entry in os.listdir("/proc") if entry.isdigit()}


def kill_pgid(pgid: int) -> None:
    """SIGKILL the process group ``pgid``, if it is still there."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill the process group a command started in its own session, and reap its leader."""
    kill_pgid(proc.pid)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)


def kill_until_gone(find: Callable[[], Iterable[int]], rounds: int, pause: float) -> None:
    """SIGKILL the processes ``find`` names, again until it names none (a fork may race a
    round), for at most ``rounds`` rounds ``pause`` seconds apart."""
    for _ in range(rounds):
        pids = set(find())
        if not pids:
            return
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(pause)


def set_dumpable(on: bool) -> None:
    """``prctl(PR_SET_DUMPABLE)``. A process that is not dumpable cannot be traced by another
    of the same user that lacks CAP_SYS_PTRACE — as the project's code does in both sandboxes —
    so that code cannot reach into what runs it and change what it reports. (The standalone
    ``pytest_server.py`` keeps its own copy: nothing may be imported into the project's test
    runs.)"""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(4, int(on), 0, 0, 0)  # 4: PR_SET_DUMPABLE


def die_with(parent: int) -> None:
    """Have the kernel send this process SIGTERM when its parent exits
    (``prctl(PR_SET_PDEATHSIG)``), and exit now if ``parent`` is gone already (it died before
    the request was made): a process whose parent can be killed outright (an eval's driver, a
    Ray worker) then unwinds instead of running on alone."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        raise SystemExit(signal.SIGTERM + 128)
