"""Ballots are written one per line as ``alice > bob > carol``; ``N: ...`` repeats one N times."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Ballot:
    ranking: tuple[str, ...]

    def first_active(self, eliminated: set[str]) -> str | None:
        """The highest-ranked choice still in the race, or None if the ballot is exhausted."""
        for choice in self.ranking:
            if choice not in eliminated:
                return choice
        return None


def parse_ballot(text: str) -> Ballot:
    seen: list[str] = []
    for name in text.split(">"):
        name = name.strip().lower()
        if not name:
            raise ValueError(f"empty choice in ballot {text!r}")
        if name not in seen:
            seen.append(name)
    return Ballot(tuple(seen))


def parse_ballots(lines: Iterable[str]) -> list[Ballot]:
    ballots: list[Ballot] = []
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        count = 1
        head, sep, rest = line.partition(":")
        if sep and head.strip().isdigit():
            count, line = int(head), rest
        ballots.extend([parse_ballot(line)] * count)
    return ballots
