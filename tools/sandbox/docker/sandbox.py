"""The Docker sandbox: every command of the project runs in a locked-down container.

Containers are kept warm and reused, one per parallel trial (:mod:`.pool`); the snapshot is
copied into each once and every workspace is reset from it (:mod:`.workspaces`); commands run
through the in-container runner (:mod:`.execute`). No host environment variable goes in unless
named. Every container and volume is labelled with its owner; ``close`` removes them, and the
next start removes any whose owner died (:mod:`.engine`).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from homeostasis.core.errors import SandboxError
from homeostasis.tools.sandbox.docker.engine import connect, owner_id, reap, short
from homeostasis.tools.sandbox.docker.execute import Executor
from homeostasis.tools.sandbox.docker.image import run_image
from homeostasis.tools.sandbox.docker.pool import ContainerPool
from homeostasis.tools.sandbox.docker.workspaces import DockerWorkspace, Workspaces
from homeostasis.tools.sandbox.limits import Limits
from homeostasis.tools.sandbox.snapshot import Snapshot


class DockerSandbox:
    """Runs the project's commands in warm, locked-down containers (``containers`` of them)."""

    name = "docker"

    def __init__(self, limits: Limits | None = None, image: str | None = None,
                 env: Mapping[str, str] | None = None, containers: int = 2,
                 client: Any = None, base: Path | None = None, project: Path | None = None,
                 say: Callable[[str], None] = print, dockerfile: str | None = None) -> None:
        """``project``: add a layer with its declared dependencies to the image (built once
        per set of them); ``dockerfile``: build the image from the project's own Dockerfile
        instead; ``say`` reports those builds."""
        self._own_client = client is None
        self.client = client or connect()
        self.limits = limits or Limits()
        import docker.errors

        try:
            self.image = run_image(self.client, image, project, dockerfile, say)
            reap(self.client)
        except (SandboxError, docker.errors.DockerException) as exc:
            if self._own_client:
                self.client.close()
            if isinstance(exc, SandboxError):
                raise
            raise SandboxError(f"the Docker engine refused: {short(exc)}") from None
        self.base = base or Path(tempfile.mkdtemp(prefix="homeostasis-"))
        self.base.mkdir(parents=True, exist_ok=True)
        self.owner = owner_id()
        self.pool = ContainerPool(self.client, self.image, self.limits, self.owner, containers)
        self.executor = Executor(self.client, self.pool, self.limits, env or {})
        self._workspaces = Workspaces(self.executor)

    @contextmanager
    def workspace(self, snapshot: Snapshot, changes: Mapping[str, str] | None = None
                  ) -> Iterator[DockerWorkspace]:
        slot = self.pool.take()
        healthy = False
        try:
            self._workspaces.reset(slot, snapshot, changes or {})
            yield DockerWorkspace(self.executor, slot, snapshot)
            healthy = not self.pool.cancelled
        finally:
            self.pool.give_back(slot, healthy)

    def cancel(self) -> None:
        """Ctrl-C: every container goes, whatever it was running."""
        self.pool.cancel()

    def close(self) -> None:
        """Remove every container and volume of this sandbox and its host folder."""
        self.pool.close()
        shutil.rmtree(self.base, ignore_errors=True)
        if self._own_client:
            self.client.close()
