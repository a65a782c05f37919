"""The processes of a running service, as the deploy sees them through ``/proc``: which of
the workers that registered in the runtime store are alive, and which server master can be
asked to replace them (SIGHUP: start new workers on the new code, let the old ones finish).

A worker counts only while it is alive and holds the project's store open, so a stale row
(or one planted in a checkout) names no process. Its parent is signalled only when that
parent's command line is a server master that reloads on SIGHUP, matched by its arguments,
not by a word somewhere in them:

- gunicorn's master: ``gunicorn …``, ``python …/gunicorn …``, ``python -m gunicorn …``, or
  the title ``gunicorn: master […]`` setproctitle gives it;
- uvicorn's, the same forms, only when started with ``--workers N`` (N ≥ 2: one worker is no
  master) and without ``--reload`` (its reloader does not handle SIGHUP: it would die and
  leave its worker on the old code).

A shell or supervisor whose command line merely contains one of these words is never one.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from homeostasis.tools.observe.runtime.store import EventStore

#: Whether a process is alive and one of the service's (default: through /proc).
Alive = Callable[[int], bool]


def parent_of(pid: int) -> int:
    """The parent of the live process ``pid`` (0 when there is no such process)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    return int(stat.rsplit(")", 1)[1].split()[1])


def holds(pid: int, path: Path) -> bool:
    """Whether process ``pid`` has the file ``path`` open."""
    target = os.path.realpath(path)
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    for fd in fds:
        try:
            if os.path.realpath(os.readlink(fd)) == target:
                return True
        except OSError:
            continue
    return False


def argv_of(pid: int) -> list[str]:
    """The command line of process ``pid`` (empty when it cannot be read)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def _program(argv: Sequence[str]) -> tuple[str, list[str]]:
    """The program a command line runs (a script given to Python, or ``python -m name``)
    and its arguments."""
    if not argv:
        return "", []
    first = os.path.basename(argv[0])
    if first.startswith("python") and len(argv) > 1:
        if argv[1] == "-m" and len(argv) > 2:
            return argv[2], list(argv[3:])
        return os.path.basename(argv[1]), list(argv[2:])
    return first, list(argv[1:])


def _workers(args: Sequence[str]) -> int:
    for i, arg in enumerate(args):
        value = (arg.split("=", 1)[1] if arg.startswith("--workers=") else
                 args[i + 1] if arg == "--workers" and i + 1 < len(args) else None)
        if value is not None:
            return int(value) if value.isdigit() else 0
    return 0


def reloads_on_hup(argv: Sequence[str]) -> bool:
    """Whether ``argv`` is a server master that replaces its workers on SIGHUP (see the
    module docstring)."""
    if len(argv) == 1 and argv[0].startswith("gunicorn: master ["):
        return True
    program, args = _program(argv)
    if program == "gunicorn":
        return True
    if program == "uvicorn":
        return _workers(args) >= 2 and not any(
            a == "--reload" or a.startswith("--reload=") for a in args)
    return False


def live_workers(store: EventStore, alive: Alive | None = None
                 ) -> list[tuple[int, dict[str, Any], int]]:
    """The store's workers that are alive and hold the store open: (pid, info, generation)."""
    check = alive or (lambda pid: holds(pid, store.path))
    return [(pid, info, gen) for pid, info, gen in store.workers() if check(pid)]


def masters(store: EventStore, alive: Alive | None = None) -> dict[int, list[int]]:
    """The server masters of the live workers that reload on SIGHUP, with their workers."""
    found: dict[int, list[int]] = {}
    for pid, info, _ in live_workers(store, alive):
        ppid = int(info.get("ppid", 0) or 0)
        if ppid > 1 and parent_of(pid) == ppid and reloads_on_hup(argv_of(ppid)):
            found.setdefault(ppid, []).append(pid)
    return found


def reload_servers(root: Path, alive: Alive | None = None) -> dict[int, list[int]]:
    """SIGHUP to every server master of the project's live workers; the masters signalled,
    with the workers each had (they are being replaced)."""
    store = EventStore(root)
    try:
        found = masters(store, alive)
    finally:
        store.close()
    for master in sorted(found):
        os.kill(master, signal.SIGHUP)
    return found
