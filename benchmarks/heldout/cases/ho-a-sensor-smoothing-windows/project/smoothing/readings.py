"""Timestamped sensor readings."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

from smoothing.filters import median_filter, moving_average


@dataclass(frozen=True)
class Reading:
    timestamp: float
    value: float | None


def clean(readings: Iterable[Reading]) -> list[Reading]:
    """Readings in time order, without missing or NaN values."""
    kept = [r for r in readings if r.value is not None and not math.isnan(r.value)]
    return sorted(kept, key=lambda r: r.timestamp)


def smooth_series(readings: Iterable[Reading], window: int, method: str = "mean") -> list[Reading]:
    """Smoothed readings, each stamped with the time of its window's last reading."""
    rows = clean(readings)
    values = [r.value for r in rows]
    if method == "mean":
        smoothed = moving_average(values, window)
    elif method == "median":
        smoothed = median_filter(values, window)
    else:
        raise ValueError(f"unknown method {method!r}")
    stamps = [r.timestamp for r in rows[window - 1 :]]
    return [Reading(ts, v) for ts, v in zip(stamps, smoothed)]
