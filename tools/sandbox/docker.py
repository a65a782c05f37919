"""The Docker sandbox (being written)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from homeostasis.errors import SandboxError
from homeostasis.tools.sandbox.base import Workspace
from homeostasis.tools.sandbox.limits import Limits
from homeostasis.tools.sandbox.snapshot import Snapshot


class DockerSandbox:
    name = "docker"

    def __init__(self, limits: Limits, image: str | None, env: dict[str, str],
                 containers: int) -> None:
        self.base = Path()
        raise SandboxError("the Docker sandbox is not ready yet")

    @contextmanager
    def workspace(self, snapshot: Snapshot, changes: Mapping[str, str] | None = None
                  ) -> Iterator[Workspace]:
        raise SandboxError("the Docker sandbox is not ready yet")
        yield

    def cancel(self) -> None:
        pass

    def close(self) -> None:
        pass
