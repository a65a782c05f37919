"""The ``Proposer`` seam: anything that turns a diagnosed failure into candidate fixes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from homeostasis.core.records import Candidate, Context, Failure, Suspect


@dataclass(frozen=True)
class RepairTask:
    """Everything a proposer may look at. ``root`` is a read-only snapshot of the project:
    proposers read files from it and never write to it."""

    root: Path
    failures: tuple[Failure, ...]
    suspects: tuple[Suspect, ...]
    context: Context
    hints: tuple[str, ...] = field(default=())
    repo: Path | None = None
    """The user's project root, for read-only history (git); None when not to be used."""


class Proposer(Protocol):
    """Yields candidates best-first; stops after ``budget`` candidates at the most."""

    name: str

    def propose(self, task: RepairTask, budget: int) -> Iterator[Candidate]: ...
