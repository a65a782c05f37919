from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Task:
    title: str
    owner: str | None = None
    due_date: date | None = None
    done: bool = False
    tags: list[str] = field(default_factory=list)

    def overdue(self, today: date) -> bool:
        return not self.done and self.due_date is not None and self.due_date < today


def by_owner(tasks: list[Task]) -> dict[str, list[str]]:
    """Open task titles per owner; unowned tasks are listed under ``"-"``."""
    grouped: dict[str, list[str]] = {}
    for task in tasks:
        if not task.done:
            grouped.setdefault(task.owner or "-", []).append(task.title)
    return dict(sorted(grouped.items()))
