"""A shift runs from its start date to its end date, both days included."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Shift:
    person: str
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"shift for {self.person} ends before it starts")

    @property
    def days(self) -> int:
        """How many calendar days the shift covers."""
        return (self.end - self.start).days + 1

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, other: "Shift") -> bool:
        """Whether the two shifts have at least one day in common."""
        return self.start <= other.end and other.start <= self.end
