"""The ``Proposer`` seam: anything that turns a diagnosed failure into candidate fixes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from homeostasis.core.records import Candidate, Context, Failure, Suspect
from homeostasis.core.registry import PROPOSERS, resolve
from homeostasis.models.base import Model


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


def make_proposer(model: Model | None, samples: int, name: str | None = None,
                  **options: Any) -> Any:
    """A proposer: ``name`` when given, else the LLM proposer over ``model`` (``options`` go
    to it), else the offline template engine."""
    if name:
        return resolve("proposer", PROPOSERS, name)()
    if model is not None:
        return resolve("proposer", PROPOSERS, "llm")(model, samples=samples, **options)
    return resolve("proposer", PROPOSERS, "templates")()
