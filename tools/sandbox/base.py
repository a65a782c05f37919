"""The ``Sandbox`` seam: somewhere to run the project's commands on a copy of its tree.

A sandbox hands out :class:`Workspace` s — each a private copy of a :class:`Snapshot` with a
candidate's file changes written over it — and runs commands in them. A command that fails, hangs
or is missing is a :class:`CommandResult`, never an exception.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from homeostasis.tools.sandbox.snapshot import Snapshot

CommandStatus = Literal["ok", "timeout", "not_found", "killed"]


@dataclass(frozen=True)
class CommandResult:
    """What one command did. ``output`` is stdout and stderr interleaved, cut to its tail when
    long; ``returncode`` is None when the command never finished."""

    argv: tuple[str, ...]
    status: CommandStatus
    returncode: int | None
    output: str
    duration: float


class Workspace(Protocol):
    """A private copy of the project; ``root`` is where the copy lives on the host."""

    root: Path
    scratch: Path

    def run(
        self, argv: Sequence[str], timeout: float, env: Mapping[str, str] | None = None
    ) -> CommandResult: ...


class Sandbox(Protocol):
    name: str

    def workspace(
        self, snapshot: Snapshot, changes: Mapping[str, str] | None = None
    ) -> AbstractContextManager[Workspace]: ...

    def cancel(self) -> None:
        """Kill every command still running (called on Ctrl-C); later runs return ``killed``."""
