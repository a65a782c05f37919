"""Pids cgroups for the local sandbox: one per run, made and removed here on the host side and
joined by the run's first process (``isolate.py`` or the warm server's forked child).

A cgroup does three things a process group cannot: it caps the number of processes
(``pids.max``), it counts the forks it refused (``pids.events``), and it holds every process a
run started, even one that left its session, so all of them can be killed at the end.

Where one can be made: cgroup v1's ``pids`` hierarchy (root only, usually), or under cgroup v2
the own or parent cgroup of this process when it hands the ``pids`` controller down to its
children (root, or a user whose cgroup systemd delegated).
"""

from __future__ import annotations

import contextlib
import itertools
import time
from collections.abc import Iterator
from pathlib import Path

from homeostasis.tools.sandbox.processes import kill_until_gone

ROOT = Path("/sys/fs/cgroup")
_PREFIX = "homeostasis-"


def _own_paths() -> tuple[str | None, str | None]:
    """This process's cgroup in the v1 ``pids`` hierarchy and in the v2 one."""
    v1 = v2 = None
    with contextlib.suppress(OSError), open("/proc/self/cgroup", encoding="utf-8") as fh:
        for line in fh:
            _, controllers, path = line.rstrip("\n").split(":", 2)
            if "pids" in controllers.split(","):
                v1 = path
            elif controllers == "":
                v2 = path
    return v1, v2


def _candidates() -> Iterator[Path]:
    v1, v2 = _own_paths()
    if v1 is not None:
        yield ROOT / "pids" / v1.lstrip("/")
    if v2 is not None:
        for unified in (ROOT, ROOT / "unified"):
            own = unified / v2.lstrip("/")
            if (unified / "cgroup.controllers").is_file():
                yield own
                yield own.parent


def _delegates_pids(parent: Path) -> bool:
    """v1 always gives children ``pids.max``; v2 only when ``pids`` is in subtree_control."""
    control = parent / "cgroup.subtree_control"
    if not control.is_file():
        return True
    with contextlib.suppress(OSError):
        return "pids" in control.read_text().split()
    return False


class PidsCgroups:
    """This sandbox's folder in a pids hierarchy, and the per-run cgroups in it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._names = itertools.count(1)

    @classmethod
    def open(cls, label: str) -> PidsCgroups | None:
        """The first place a pids cgroup can be made in (None when there is none); empty
        folders that earlier sandboxes left behind there are removed."""
        for parent in _candidates():
            if not _delegates_pids(parent):
                continue
            folder = parent / f"{_PREFIX}{label}"
            try:
                folder.mkdir()
            except OSError:
                continue
            if (folder / "pids.max").is_file():
                _remove_stale(parent)
                return cls(folder)
            with contextlib.suppress(OSError):
                folder.rmdir()
        return None

    def make(self, max_pids: int) -> Path | None:
        """A fresh cgroup capped at ``max_pids`` processes; None if the kernel refuses."""
        path = self.folder / f"run-{next(self._names)}"
        try:
            path.mkdir()
            (path / "pids.max").write_text(str(max_pids))
        except OSError:
            with contextlib.suppress(OSError):
                path.rmdir()
            return None
        return path

    def close(self) -> None:
        """Kill whatever still runs in any of this sandbox's cgroups and remove them all."""
        _remove_folder(self.folder)


def join_file(path: Path) -> Path:
    """The file a process writes "0" into to enter the cgroup. On v1 that is ``tasks``: it
    moves the writing thread only — all of a single-threaded process, as ``isolate.py`` and a
    freshly forked run are — without the kernel-wide lock that moving a whole process takes,
    which waits for an RCU grace period (5-20 ms a run)."""
    tasks = path / "tasks"
    return tasks if tasks.is_file() else path / "cgroup.procs"


def exhausted(path: Path) -> bool:
    """Whether the cgroup refused a fork because it was at its ``pids.max``."""
    with contextlib.suppress(OSError, ValueError):
        for line in (path / "pids.events").read_text().splitlines():
            key, _, value = line.partition(" ")
            if key == "max":
                return int(value) > 0
    return False


def members(path: Path) -> list[int]:
    with contextlib.suppress(OSError, ValueError):
        return [int(pid) for pid in (path / "cgroup.procs").read_text().split()]
    return []


def kill(path: Path) -> None:
    """SIGKILL every process in the cgroup, again until none is left (a fork may race the
    first pass; ``pids.max`` bounds how many)."""
    kill_file = path / "cgroup.kill"
    if kill_file.is_file():
        with contextlib.suppress(OSError):
            kill_file.write_text("1")
    kill_until_gone(lambda: members(path), rounds=100, pause=0.005)


def remove(path: Path) -> None:
    """Kill the cgroup's processes and remove it (a dying process may keep it busy a moment)."""
    kill(path)
    for _ in range(200):
        try:
            path.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.005)


def _remove_stale(parent: Path) -> None:
    """Remove the folders of sandboxes whose process is gone (a crash, ``kill -9``)."""
    with contextlib.suppress(OSError):
        for folder in parent.glob(f"{_PREFIX}*"):
            owner = folder.name[len(_PREFIX):].split("-", 1)[0]
            if owner.isdigit() and not Path(f"/proc/{owner}").exists():
                _remove_folder(folder)


def _remove_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            if path.is_dir():
                remove(path)
        folder.rmdir()
