"""Moving averages over a series of prices."""

from __future__ import annotations

from typing import Sequence


def sma(values: Sequence[float], window: int) -> list[float]:
    """Simple moving average: the mean of every run of ``window`` consecutive values.

    A series of n values gives n - window + 1 averages, oldest first (none if the
    series is shorter than the window); the last one ends at the newest value.
    """
    if window < 1:
        raise ValueError("window must be at least 1")
    averages = []
    total = sum(values[:window])
    for i in range(len(values) - window):
        if i:
            total += values[i + window - 1] - values[i - 1]
        averages.append(total / window)
    return averages


def ema(values: Sequence[float], span: int) -> list[float]:
    """Exponential moving average with smoothing 2 / (span + 1); starts at the first value."""
    if span < 1:
        raise ValueError("span must be at least 1")
    alpha = 2 / (span + 1)
    out: list[float] = []
    for v in values:
        out.append(v if not out else alpha * v + (1 - alpha) * out[-1])
    return out
