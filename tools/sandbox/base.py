"""The ``Sandbox`` seam: somewhere to run the project's commands on a copy of its tree.

A sandbox hands out :class:`Workspace` s — each a private copy of a :class:`Snapshot` with a
candidate's file changes written over it — and runs commands in them. A command that fails, hangs,
is missing or hits one of the sandbox's limits is a :class:`CommandResult`, never an exception.

Paths in a workspace (``root``, ``scratch``) are as the commands see them: host paths for the
local sandbox, paths inside the container for Docker (plain ``Path`` objects either way). Files
are moved in and out with ``put_file`` and ``read_file``, never by opening those paths here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from homeostasis.tools.sandbox.snapshot import Snapshot

#: ``error``: the sandbox itself could not run the command (not the command failing).
CommandStatus = Literal["ok", "timeout", "not_found", "killed", "error"]

#: A limit of the sandbox that a command ran into (besides its deadline, ``timeout``).
LimitHit = Literal["oom", "pid_limit", "disk_full", "output_truncated", "network_blocked"]


@dataclass(frozen=True)
class CommandResult:
    """What one command did. ``output`` is stdout and stderr interleaved, cut to its tail when
    long; ``returncode`` is None when the command never finished; ``limit`` names the sandbox
    limit that stopped or broke the command, if one did."""

    argv: tuple[str, ...]
    status: CommandStatus
    returncode: int | None
    output: str
    duration: float
    limit: LimitHit | None = None


class Workspace(Protocol):
    """A private copy of the project, at ``root``; ``scratch`` is a folder beside it for files
    the commands write (reports, coverage data)."""

    @property
    def root(self) -> Path: ...

    @property
    def scratch(self) -> Path: ...

    @property
    def tree(self) -> Path:
        """A folder on this machine with the project's files as the workspace started (``root``
        itself for the local sandbox): for looking things up, never for the commands' output."""

    def run(
        self, argv: Sequence[str], timeout: float, env: Mapping[str, str] | None = None
    ) -> CommandResult: ...

    def put_file(self, path: Path, data: bytes) -> None:
        """Write a file (creating its folders) that later commands can read."""

    def read_file(self, path: Path) -> bytes | None:
        """The bytes of a file a command wrote; None when there is no such file."""


class Sandbox(Protocol):
    name: str
    #: A private folder on the host for this sandbox's own files, removed by ``close``.
    base: Path

    def workspace(
        self, snapshot: Snapshot, changes: Mapping[str, str] | None = None
    ) -> AbstractContextManager[Workspace]: ...

    def cancel(self) -> None:
        """Kill every command still running (called on Ctrl-C); later runs return ``killed``."""

    def close(self) -> None:
        """Stop everything this sandbox started and remove what it made."""
