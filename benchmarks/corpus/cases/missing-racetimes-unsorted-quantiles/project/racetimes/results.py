from __future__ import annotations

from dataclasses import dataclass

from racetimes.clock import parse_time
from racetimes.stats import Summary, summarize


@dataclass(frozen=True)
class Finisher:
    bib: int
    name: str
    seconds: int


class Results:
    def __init__(self) -> None:
        self._finishers: dict[int, Finisher] = {}

    def record(self, bib: int, name: str, time: str) -> Finisher:
        if bib in self._finishers:
            raise ValueError(f"bib {bib} already has a time")
        finisher = Finisher(bib, name, parse_time(time))
        self._finishers[bib] = finisher
        return finisher

    def entries(self) -> list[Finisher]:
        """Finishers in the order their times were recorded."""
        return list(self._finishers.values())

    def placings(self) -> list[Finisher]:
        """Finishers fastest first; equal times are ordered by bib number."""
        return sorted(self._finishers.values(), key=lambda f: (f.seconds, f.bib))

    def summary(self) -> Summary:
        return summarize(f.seconds for f in self._finishers.values())
