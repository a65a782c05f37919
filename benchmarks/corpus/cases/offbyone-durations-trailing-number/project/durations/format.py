"""Writing durations back out in the compact form."""

from __future__ import annotations

from durations.units import UNITS


def format_duration(seconds: float) -> str:
    """``5400`` -> ``"1h 30m"``; fractions of a second are dropped, zero is ``"0s"``."""
    if seconds < 0:
        raise ValueError("negative duration")
    remaining = int(seconds)
    parts = []
    for unit, size in UNITS.items():
        count, remaining = divmod(remaining, size)
        if count:
            parts.append(f"{count}{unit}")
    return " ".join(parts) or "0s"
