"""A command's process as the local sandbox runs it: what came of it (:class:`ProcessResult`),
waiting for it within its deadline and output cap, the tail of its output, and the register of
what runs now that ``cancel`` kills (:class:`Running`).
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from homeostasis.tools.sandbox import processes
from homeostasis.tools.sandbox.base import CommandStatus
from homeostasis.tools.sandbox.limits import Facts
from homeostasis.tools.sandbox.local import cgroups
from homeostasis.tools.sandbox.local.cgroups import PidsCgroups

#: The most output kept per command (its tail); the rest is dropped, never held in memory.
OUTPUT_LIMIT = 256 * 1024
#: How often a running command's output size is looked at (a finished command is noticed at
#: once, not at the next look).
_WATCH_STEP = 0.1

T = TypeVar("T")


@dataclass(frozen=True)
class ProcessResult:
    """What came of one command's process: ``exit_code`` is None when it never finished;
    ``output`` is the tail of what it printed, or what the sandbox says instead when it could
    not run it (the warm and fresh paths leave it empty when the output file holds it);
    ``facts`` what the sandbox saw of it."""

    status: CommandStatus
    exit_code: int | None
    output: str = ""
    facts: Facts = field(default_factory=Facts)


class Running:
    """What runs now — fresh processes, the process groups of warm runs, the runs' pids
    cgroups — so that :meth:`cancel` kills it all; thread-safe. Once cancelled, nothing more
    starts."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.cancelled = False
        self._procs: set[subprocess.Popen[bytes]] = set()
        self._groups: set[int] = set()
        self._cgroups: set[Path] = set()

    def unless_cancelled(self, make: Callable[[], T]) -> T | None:
        """What ``make`` returns, called under the lock ``cancel`` takes; None once
        cancelled (and ``make`` not called)."""
        with self._lock:
            return None if self.cancelled else make()

    def start(self, popen: Callable[[], subprocess.Popen[bytes]]
              ) -> subprocess.Popen[bytes] | None:
        """The process ``popen`` starts, registered; None once cancelled."""
        def started() -> subprocess.Popen[bytes]:
            proc = popen()
            self._procs.add(proc)
            return proc

        return self.unless_cancelled(started)

    def stop(self, proc: subprocess.Popen[bytes]) -> None:
        """Kill a started process's group (stray children included) and forget it."""
        processes.kill_group(proc)
        with self._lock:
            self._procs.discard(proc)

    @contextmanager
    def group(self, pgid: int) -> Iterator[None]:
        """Within the block, ``cancel`` kills the process group ``pgid``; at its end it is
        killed anyway."""
        with self._lock:
            self._groups.add(pgid)
        try:
            yield
        finally:
            processes.kill_pgid(pgid)
            with self._lock:
                self._groups.discard(pgid)

    @contextmanager
    def cgroup(self, pids: PidsCgroups | None, max_pids: int) -> Iterator[Path | None]:
        """A pids cgroup of ``pids`` for one run, capped at ``max_pids`` (None when this
        machine allows none); at the end of the block every process left in it, even one
        that left its session, is killed and the cgroup removed."""
        cgroup = pids.make(max_pids) if pids is not None else None
        if cgroup is None:
            yield None
            return
        with self._lock:
            self._cgroups.add(cgroup)
        try:
            yield cgroup
        finally:
            cgroups.remove(cgroup)
            with self._lock:
                self._cgroups.discard(cgroup)

    def cancel(self) -> None:
        with self._lock:
            self.cancelled = True
            procs, groups, held = list(self._procs), list(self._groups), list(self._cgroups)
        for proc in procs:
            processes.kill_group(proc)
        for pgid in groups:
            processes.kill_pgid(pgid)
        for cgroup in held:
            cgroups.kill(cgroup)


def wait_watching(finished: Callable[[float], bool], out: Path, timeout: float, cap: int
                  ) -> bool:
    """Wait for ``finished`` (which waits at most the seconds it is given) while watching the
    size of the output file ``out``; False when the deadline passed, True when the command
    finished or printed ``cap`` bytes or more (the caller kills it either way)."""
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        if finished(min(left, _WATCH_STEP)) or out.stat().st_size >= cap:
            return True


def tail(path: Path, limit: int = OUTPUT_LIMIT) -> str:
    """The last ``limit`` bytes of the output file ``path``, marked as cut when it is longer."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        if size > limit:
            fh.seek(size - limit)
        data = fh.read()
    text = data.decode("utf-8", errors="replace")
    return f"[… {size - limit} bytes of output cut …]\n{text}" if size > limit else text
