"""Choosing the sandbox a run uses: ``local``, ``docker``, or ``auto`` (Docker when an engine
answers, else local — said out loud, never silently)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from homeostasis.core.config import Settings
from homeostasis.core.errors import SandboxError
from homeostasis.tools.sandbox.base import Sandbox
from homeostasis.tools.sandbox.limits import Limits
from homeostasis.tools.sandbox.local.sandbox import LocalSandbox


def limits_of(settings: Settings) -> Limits:
    return Limits(memory_mb=settings.memory_mb, pids=settings.pids, disk_mb=settings.disk_mb,
                  output_mb=settings.output_mb)


def passed_env(settings: Settings) -> dict[str, str]:
    """The host variables the user named in ``sandbox_env`` (those that are set)."""
    names = [n.strip() for n in (settings.sandbox_env or "").split(",") if n.strip()]
    return {n: os.environ[n] for n in names if n in os.environ}


def open_sandbox(settings: Settings, project: Path, say: Callable[[str], None]) -> Sandbox:
    """The sandbox ``settings`` ask for; a :class:`SandboxError` when it cannot be had."""
    limits = limits_of(settings)
    if settings.sandbox in ("docker", "auto"):
        # imported here: the docker SDK costs ~150 ms that a local run never needs
        from homeostasis.tools.sandbox.docker.sandbox import DockerSandbox

        try:
            return DockerSandbox(limits=limits, image=settings.sandbox_image,
                                 env=passed_env(settings), containers=settings.jobs,
                                 project=project, say=say,
                                 dockerfile=settings.sandbox_dockerfile)
        except SandboxError as exc:
            if settings.sandbox == "docker":
                raise
            say(f"Docker is not available ({exc.message}); using the local sandbox.")
    local = LocalSandbox(limits=limits, protect=(project, Path.home()))
    for warning in local.warnings:
        say(f"Warning: {warning}")
    return local
