"""Summary statistics over finishing times (seconds)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from racetimes.clock import format_time


def quantile(ordered: Sequence[int], q: float) -> float:
    """Quantile ``q`` (0 <= q <= 1) of ``ordered``, which must be sorted ascending,
    interpolating linearly between neighbouring values."""
    if not 0 <= q <= 1:
        raise ValueError(f"quantile must be between 0 and 1, got {q}")
    if not ordered:
        raise ValueError("no times")
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Summary:
    finishers: int
    fastest: int
    slowest: int
    median: float
    lower_quartile: float
    upper_quartile: float

    def describe(self) -> str:
        return (f"{self.finishers} finishers, fastest {format_time(self.fastest)}, "
                f"median {format_time(self.median)}, slowest {format_time(self.slowest)}")


def summarize(times: Iterable[int]) -> Summary:
    ordered = list(times)
    ordered.sort()
    if not ordered:
        raise ValueError("no finishers")
    return Summary(
        finishers=len(ordered),
        fastest=ordered[0],
        slowest=ordered[-1],
        median=quantile(ordered, 0.5),
        lower_quartile=quantile(ordered, 0.25),
        upper_quartile=quantile(ordered, 0.75),
    )
