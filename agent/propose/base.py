"""The ``Proposer`` seam: anything that turns a diagnosed failure into candidate fixes."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from homeostasis.core.records import Candidate, Context, Failure, Suspect
from homeostasis.core.registry import PROPOSERS, resolve
from homeostasis.models.base import Model


@dataclass(frozen=True)
class Deadline:
    """A time budget that started at ``start`` on ``clock`` and lasts ``seconds``."""

    start: float
    seconds: float
    clock: Callable[[], float] = time.monotonic

    @classmethod
    def starting_now(cls, seconds: float, clock: Callable[[], float] = time.monotonic
                     ) -> Deadline:
        """A budget of ``seconds`` from now on ``clock``."""
        return cls(clock(), seconds, clock)

    def spent(self) -> float:
        """The share of the budget used so far (1 or more once it has passed)."""
        return (self.clock() - self.start) / self.seconds

    def passed(self) -> bool:
        """Whether the budget is spent."""
        return self.spent() >= 1


@dataclass(frozen=True)
class RepairTask:
    """Everything a proposer may look at. ``root`` is a read-only snapshot of the project:
    proposers read files from it and never write to it."""

    root: Path
    failures: tuple[Failure, ...]
    suspects: tuple[Suspect, ...]
    context: Context
    hints: tuple[str, ...] = field(default=())
    """The developer's own words about the fault (``--hint``, or typed in the conversation):
    a model reads them as the user's; the offline engine uses the places and kinds of fault
    they name (:mod:`homeostasis.propose.templates.hints`)."""
    issue: str = ""
    """An issue or bug report given with the run (``--issue``, an eval's
    ``problem_statement``): untrusted text, shown to a model as quoted data."""
    repo: Path | None = None
    """The user's project root, for read-only history (git); None when not to be used."""
    deadline: Deadline | None = None
    """The time the search gives this proposer, for it to plan by (the search stops asking
    for candidates when it passes); None: no time limit."""


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
