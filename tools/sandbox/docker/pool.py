"""The warm containers of the Docker sandbox, one per parallel job: started when a job needs one
and none is idle (up to ``size``), furnished with the runner scripts and a warm pytest server,
handed out one at a time, taken back while they still run, and removed when they stopped, at a
command's deadline (:mod:`.execute`), at ``cancel`` or at ``close``.

Containers have no network, run as an unprivileged user with every capability dropped and
``no-new-privileges``, a read-only root, and limits on memory, CPU and processes. The project
lives on a size-limited tmpfs volume at ``/hs`` (``/tmp`` is another).
"""

from __future__ import annotations

import contextlib
import queue
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from homeostasis.core.errors import SandboxError
from homeostasis.tools.sandbox.docker.archive import tar
from homeostasis.tools.sandbox.docker.engine import OWNER, short
from homeostasis.tools.sandbox.docker.image import LABEL
from homeostasis.tools.sandbox.docker.layout import (
    BASE_ENV,
    BIN,
    HOME,
    PYTHON,
    ROOT,
    RUN_DIR,
    SCRIPTS,
    USER,
    WARM_SERVER,
    WARM_SOCKET,
    WORKSPACE,
)
from homeostasis.tools.sandbox.limits import Limits


@dataclass
class Slot:
    """One warm container, its volume, and the snapshot it holds."""

    container: Any
    volume: Any
    snapshot: Path | None = None


class ContainerPool:
    """Up to ``size`` containers of ``image`` with ``limits``, labelled ``owner``;
    thread-safe."""

    def __init__(self, client: Any, image: str, limits: Limits, owner: str, size: int) -> None:
        self.client = client
        self.image = image
        self.limits = limits
        self.owner = owner
        self.size = max(1, size)
        self.cancelled = False
        #: The image's interpreter: Homeostasis' venv in its own image, else ``python3``.
        self.python: str | None = None
        self._idle: queue.Queue[Slot] = queue.Queue()
        self._slots: list[Slot] = []
        self._lock = threading.Lock()

    def take(self) -> Slot:
        """An idle container, a new one while there are fewer than ``size``, else the next
        one given back."""
        with self._lock:
            if self.cancelled:
                raise SandboxError("the sandbox was cancelled")
            if self._idle.empty() and len(self._slots) < self.size:
                slot = self._start()
                self._slots.append(slot)
                return slot
        return self._idle.get()

    def give_back(self, slot: Slot, healthy: bool) -> None:
        """Keep a container for the next job if ``healthy`` and still running; else remove
        it (a later job starts a new one)."""
        alive = False
        if healthy:
            with contextlib.suppress(Exception):  # removed at a deadline: NotFound
                slot.container.reload()
                alive = slot.container.status == "running"
        if alive:
            self._idle.put(slot)
            return
        self.remove(slot)
        with self._lock:
            if slot in self._slots:
                self._slots.remove(slot)

    def remove(self, slot: Slot) -> None:
        """Remove a container and its volume, whatever it is running."""
        with contextlib.suppress(Exception):
            slot.container.remove(force=True)
        with contextlib.suppress(Exception):
            slot.volume.remove(force=True)

    def cancel(self) -> None:
        """Remove every container; no more are started."""
        with self._lock:
            self.cancelled = True
            slots = list(self._slots)
        for slot in slots:
            self.remove(slot)

    def close(self) -> None:
        """Remove every container and forget them."""
        with self._lock:
            self.cancelled = True
            slots, self._slots = list(self._slots), []
        for slot in slots:
            self.remove(slot)

    def _start(self) -> Slot:
        from docker.types import Mount

        labels = {LABEL: "run", OWNER: self.owner}
        size = f"size={self.limits.disk_mb}m,mode=0755"  # root's: only ws/ and run/ are not
        volume = self.client.volumes.create(
            name=f"homeostasis-{uuid.uuid4().hex[:12]}", driver="local", labels=labels,
            driver_opts={"type": "tmpfs", "device": "tmpfs", "o": size})
        try:
            container = self.client.containers.run(
                self.image, ["sleep", "infinity"], detach=True, init=True,
                name=f"homeostasis-{uuid.uuid4().hex[:12]}", labels=labels,
                network_mode="none", user=USER, read_only=True, cap_drop=["ALL"],
                security_opt=["no-new-privileges"], pids_limit=self.limits.pids,
                mem_limit=f"{self.limits.memory_mb}m",
                memswap_limit=f"{self.limits.memory_mb}m",
                nano_cpus=int(self.limits.cpus * 1e9), working_dir=str(HOME),
                mounts=[Mount(str(HOME), volume.name, type="volume")],
                tmpfs={"/tmp": f"size={self.limits.disk_mb}m,mode=1777"},
                environment={}, stop_signal="SIGKILL",
            )
        except Exception as exc:
            with contextlib.suppress(Exception):
                volume.remove(force=True)
            raise SandboxError(f"cannot start a sandbox container: {short(exc)}") from None
        try:
            self._furnish(container)
        except Exception as exc:
            self.remove(Slot(container, volume))
            raise SandboxError(f"cannot prepare a sandbox container: {short(exc)}") from None
        return Slot(container, volume)

    def _furnish(self, container: Any) -> None:
        """Copy the scripts in (root's, read-only to the project), make the folders the
        project may write, find the interpreter, and start the warm pytest server."""
        container.put_archive(str(HOME), tar(
            {f"{BIN.name}/{script.name}": script.read_bytes() for script in SCRIPTS},
            owner=ROOT))
        container.put_archive(str(HOME), tar({}, folders=(WORKSPACE.name, RUN_DIR.name)))
        if self.python is None:
            found = container.exec_run(
                ["sh", "-c", f"[ -x {PYTHON} ] && echo {PYTHON} || command -v python3"],
                user=ROOT).output.decode().strip()
            if not found:
                raise SandboxError(f"the image {self.image} has no python3",
                                   "install Python and pytest in it")
            self.python = found
        warm = self.client.api.exec_create(
            container.id, [self.python, str(WARM_SERVER), str(WARM_SOCKET)], user=USER,
            workdir=str(HOME), environment=BASE_ENV)
        self.client.api.exec_start(warm["Id"], detach=True)
