"""The warm pytest servers of one local sandbox, one per run in flight (:class:`WarmPool`).

Each server is started through ``isolate.py``, so it has a ``/dev/shm`` of its own, and every
run forked from it shares that one. A server therefore serves one run at a time, and what a run
left in its ``/dev/shm`` is removed before the server serves the next: no run sees another's.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable

from homeostasis.tools.sandbox.local.isolation import kill_namespace, network_namespace
from homeostasis.tools.sandbox.local.warm import WarmPytest


def empty_shm(pid: int) -> bool:
    """Remove everything in the ``/dev/shm`` the process ``pid`` sees (through its root in
    ``/proc``, so in its own mount namespace); False when it could not all be removed."""
    shm = f"/proc/{pid}/root/dev/shm"
    try:
        with os.scandir(shm) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)
    except OSError:
        return False
    return True


def shut(server: WarmPytest) -> None:
    """Stop ``server``, and kill what its runs left behind that no cgroup held."""
    netns = network_namespace(server.pid)
    server.close()
    if netns:
        kill_namespace(netns)


class WarmPool:
    """Warm servers, each lent to one run at a time; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[WarmPytest] = []
        #: Every server started and not yet shut, lent out or idle.
        self.servers: list[WarmPytest] = []

    def take(self, python: str, start: Callable[[], WarmPytest | None]) -> WarmPytest | None:
        """An idle server run by ``python``, or a new one ``start`` makes; None when it makes
        none (the sandbox was cancelled)."""
        with self._lock:
            for idle in reversed(self._idle):
                if idle.python == python:
                    self._idle.remove(idle)
                    return idle
            server = start()  # under the lock: ``close`` cannot miss it
            if server is not None:
                self.servers.append(server)
            return server

    def give_back(self, server: WarmPytest) -> None:
        """Take ``server`` back from its run: idle again once its ``/dev/shm`` is empty, shut
        when that cannot be done (it died, or the pool was closed meanwhile)."""
        with self._lock:
            if server not in self.servers:
                return
            if empty_shm(server.pid):
                self._idle.append(server)
                return
            self.servers.remove(server)
        shut(server)

    def close(self) -> None:
        """Shut every server, lent out or idle."""
        with self._lock:
            servers, self.servers, self._idle = self.servers, [], []
        for server in servers:
            shut(server)
