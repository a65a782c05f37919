"""The Docker engine: a client of it, and the removal of what runs that died left in it.

Every container and volume of a run is labelled ``OWNER`` with the host and pid of the
Homeostasis process that made it; the next start removes any whose owner died (a crash or
``kill -9``).
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Mapping
from typing import Any

from homeostasis.core.errors import SandboxError

OWNER = "homeostasis.owner"
#: The engine API spoken: the engine's own, asked for when the client is made. A fixed version
#: is refused by engines either side of it (Docker 25+ serves 1.44 and up, 20.10 at most 1.41).
API_VERSION = "auto"

_START_HINT = ("start it (for example `dockerd &` or `systemctl start docker`), set "
               "DOCKER_HOST, or use --sandbox local")


def owner_id() -> str:
    """The ``OWNER`` label of what this process makes."""
    return f"{socket.gethostname()}:{os.getpid()}"


def connect() -> Any:
    """A client of the Docker engine; a :class:`SandboxError` saying what to do otherwise."""
    try:
        import docker
    except ImportError:  # pragma: no cover - docker is a dependency
        raise SandboxError("the docker Python package is missing",
                           "pip install docker") from None
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    # Ask the socket first: the SDK's version query leaks a socket that fails to connect.
    if host.startswith("unix://"):
        with socket.socket(socket.AF_UNIX) as probe:
            try:
                probe.connect(host[len("unix://"):])
            except OSError as exc:
                raise SandboxError(
                    f"cannot reach the Docker engine at {host} ({exc.strerror})", _START_HINT
                ) from None
    client = None
    try:
        client = docker.from_env(version=API_VERSION, timeout=60)
        client.ping()
    except docker.errors.DockerException as exc:
        if client is not None:
            client.close()
        raise SandboxError(
            f"cannot reach the Docker engine ({short(exc)})", _START_HINT) from None
    return client


def short(exc: BaseException) -> str:
    """The first line of what an engine error says, for a one-line message."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def reap(client: Any) -> int:
    """Remove containers and volumes of Homeostasis runs on this host whose process is gone."""
    host = socket.gethostname()

    def stray(labels: Mapping[str, str]) -> bool:
        owner = labels.get(OWNER, "")
        name, _, pid = owner.rpartition(":")
        if name != host or not pid.isdigit():
            return False
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False

    removed = 0
    for container in client.containers.list(all=True, filters={"label": OWNER}):
        if stray(container.labels):
            with contextlib.suppress(Exception):
                container.remove(force=True)
                removed += 1
    for volume in client.volumes.list(filters={"label": OWNER}):
        if stray(volume.attrs.get("Labels") or {}):
            with contextlib.suppress(Exception):
                volume.remove(force=True)
    return removed
