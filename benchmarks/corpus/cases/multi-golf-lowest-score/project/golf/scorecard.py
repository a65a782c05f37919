from __future__ import annotations

from dataclasses import dataclass
from datetime import date


def format_to_par(score: int) -> str:
    """Strokes relative to par as golfers write it: ``"E"``, ``"+3"``, ``"-2"``."""
    return "E" if score == 0 else f"{score:+d}"


@dataclass(frozen=True)
class Round:
    player: str
    course: str
    day: date
    strokes: tuple[int, ...]
    par: int

    @classmethod
    def parse(cls, line: str, par: int) -> "Round":
        """``"2024-05-12 Pinehurst | Ana | 4 5 3 4 4 5 3 4 4"``"""
        head, player, holes = (f.strip() for f in line.split("|"))
        day, course = head.split(" ", 1)
        strokes = tuple(int(s) for s in holes.split())
        if not strokes or any(s < 1 for s in strokes):
            raise ValueError(f"bad scorecard: {line!r}")
        return cls(player, course.strip(), date.fromisoformat(day), strokes, par)

    @property
    def total(self) -> int:
        return sum(self.strokes)

    @property
    def to_par(self) -> int:
        return self.total - self.par
