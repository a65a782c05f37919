"""Training zones as fractions of the athlete's maximum heart rate."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from fitlog.laps import Lap

ZONES = ((0.9, "Z5"), (0.8, "Z4"), (0.7, "Z3"), (0.6, "Z2"), (0.0, "Z1"))


def zone_for(bpm: float, max_hr: int) -> str:
    for fraction, name in ZONES:
        if bpm >= fraction * max_hr:
            return name
    raise AssertionError("unreachable")


def zone_minutes(laps: Iterable[Lap], max_hr: int) -> dict[str, float]:
    """Minutes per zone, each lap counted in the zone of its average heart rate.

    Laps without heart-rate data are left out.
    """
    minutes: Counter[str] = Counter()
    for lap in laps:
        average = lap.average_hr
        if average is None:
            continue
        minutes[zone_for(average, max_hr)] += lap.seconds / 60
    return dict(minutes)
