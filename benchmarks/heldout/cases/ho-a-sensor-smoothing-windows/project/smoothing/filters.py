"""Filters over plain lists of floats."""

from __future__ import annotations

from statistics import median
from typing import Iterator, Sequence


def _windows(values: Sequence[float], size: int) -> Iterator[Sequence[float]]:
    """Every full window of ``size`` consecutive values, in order."""
    if size < 1:
        raise ValueError("window size must be at least 1")
    for start in range(len(values) - size):
        yield values[start : start + size]


def moving_average(values: Sequence[float], window: int) -> list[float]:
    """The mean of each full window; ``len(values) - window + 1`` results."""
    return [sum(w) / window for w in _windows(values, window)]


def median_filter(values: Sequence[float], window: int) -> list[float]:
    """The median of each full window; good at removing single spikes."""
    return [median(w) for w in _windows(values, window)]


def exponential(values: Sequence[float], alpha: float) -> list[float]:
    """Exponentially weighted moving average, seeded with the first value."""
    if not 0 < alpha <= 1:
        raise ValueError("alpha must be in (0, 1]")
    out: list[float] = []
    for value in values:
        out.append(value if not out else alpha * value + (1 - alpha) * out[-1])
    return out
