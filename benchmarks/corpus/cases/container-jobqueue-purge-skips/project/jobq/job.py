from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class State(enum.Enum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    DEAD = "dead"


FINISHED = frozenset({State.DONE, State.DEAD})


@dataclass
class Job:
    id: int
    name: str
    priority: int = 0
    max_attempts: int = 3
    payload: dict[str, Any] = field(default_factory=dict)
    state: State = State.PENDING
    attempts: int = 0
    error: str | None = None
