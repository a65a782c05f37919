"""Instant-runoff counting.

Each round every ballot counts for its highest-ranked remaining candidate. A candidate
backed by more than half of the ballots still active wins. Otherwise every candidate
with the fewest votes is eliminated; if all remaining candidates are tied the count
ends without a winner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from runoff.ballots import Ballot


@dataclass
class Result:
    winner: str | None
    rounds: list[dict[str, int]] = field(default_factory=list)

    @property
    def is_tie(self) -> bool:
        return self.winner is None and bool(self.rounds)


def candidates(ballots: Sequence[Ballot]) -> set[str]:
    return {c for b in ballots for c in b.ranking}


def tally(ballots: Sequence[Ballot], eliminated: set[str]) -> dict[str, int]:
    """Votes per remaining candidate (including those with none), sorted by name."""
    counts = {c: 0 for c in sorted(candidates(ballots) - eliminated)}
    for ballot in ballots:
        choice = ballot.first_active(eliminated)
        if choice is not None:
            counts[choice] += 1
    return counts


def instant_runoff(ballots: Sequence[Ballot]) -> Result:
    result = Result(None)
    eliminated: set[str] = set()
    while True:
        counts = tally(ballots, eliminated)
        result.rounds.append(counts)
        active = sum(counts.values())
        if active == 0:
            return result
        leader = max(counts, key=counts.get)
        if counts[leader] * 2 > active:
            result.winner = leader
            return result
        fewest = min(counts.values())
        losers = {c for c, v in counts.items() if v == fewest}
        if losers == set(counts):
            return result
        eliminated |= losers
