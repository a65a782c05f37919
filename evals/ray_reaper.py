"""The clean-up of a local Ray started for an eval, whatever ends the eval.

    python -m homeostasis.evals.ray_reaper MARK

The eval's driver starts this process with a pipe as its standard input and sets
``HOMEOSTASIS_RAY_RUN=MARK`` in its own environment before starting Ray, so every process of
that Ray (and every worker and sandbox under it) inherits the mark. When the pipe closes —
the driver finished, or was killed outright, which no clean-up code of its own survives —
each marked process still running gets SIGTERM, then up to
:data:`~homeostasis.evals.pool.STOP_GRACE` seconds to exit, then SIGKILL. (Ray's own node
agents outlive a killed driver otherwise.)
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid

from homeostasis.evals.pool import STOP_GRACE
from homeostasis.tools.sandbox.processes import all_pids, kill_until_gone

#: The variable that marks the processes of one eval's local Ray.
MARK_VARIABLE = "HOMEOSTASIS_RAY_RUN"


def marked(mark: str) -> set[int]:
    """The processes (other than this one) whose environment holds the mark."""
    needle = f"\0{MARK_VARIABLE}={mark}\0".encode()
    found = set()
    for pid in all_pids() - {os.getpid()}:
        with contextlib.suppress(OSError), open(f"/proc/{pid}/environ", "rb") as fh:
            if needle in b"\0" + fh.read():
                found.add(pid)
    return found


def reap(mark: str) -> None:
    """End every process with the mark: SIGTERM, a grace period, then SIGKILL."""
    for pid in marked(mark):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE
    while marked(mark) and time.monotonic() < deadline:
        time.sleep(0.2)
    kill_until_gone(lambda: marked(mark), rounds=20, pause=0.1)


def start_reaper() -> subprocess.Popen[bytes]:
    """Mark this process's environment (what Ray, started next, inherits) and start the
    reaper for the mark; closing its standard input (:func:`stop_reaper`, or this process
    ending) sets it off."""
    mark = uuid.uuid4().hex
    os.environ[MARK_VARIABLE] = mark
    env = {k: v for k, v in os.environ.items() if k != MARK_VARIABLE}
    return subprocess.Popen([sys.executable, "-m", "homeostasis.evals.ray_reaper", mark],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            start_new_session=True, env=env)


def stop_reaper(reaper: subprocess.Popen[bytes]) -> None:
    """Set the reaper off and wait for it (after ``ray.shutdown()`` it finds little to do)."""
    os.environ.pop(MARK_VARIABLE, None)
    if reaper.stdin is not None:
        reaper.stdin.close()
    with contextlib.suppress(subprocess.TimeoutExpired):
        reaper.wait(timeout=STOP_GRACE + 10)


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C is the driver's to handle
    with contextlib.suppress(OSError):
        sys.stdin.buffer.read()  # returns when the driver closes the pipe or dies
    reap(argv[0])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
