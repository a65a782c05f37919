"""Split a workout's heart-rate samples into laps.

Samples are ``(seconds since start, beats per minute)`` pairs; lap boundaries are the
seconds at which the lap button was pressed.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Sequence


@dataclass
class Lap:
    number: int
    start: int
    end: int
    heart_rates: list[int] = field(default_factory=list)

    @property
    def seconds(self) -> int:
        return self.end - self.start

    @property
    def average_hr(self) -> float | None:
        """Mean heart rate over the lap, or None when no sample was recorded in it."""
        return sum(self.heart_rates) / len(self.heart_rates)

    @property
    def max_hr(self) -> int | None:
        return max(self.heart_rates, default=None)


def split_laps(samples: Sequence[tuple[int, int]], presses: Sequence[int],
               finish: int) -> list[Lap]:
    bounds = [0, *presses, finish]
    if any(later <= earlier for earlier, later in zip(bounds, bounds[1:])):
        raise ValueError("lap presses must be increasing and before the finish")
    laps = [Lap(i + 1, start, end) for i, (start, end) in enumerate(zip(bounds, bounds[1:]))]
    for at, bpm in samples:
        if 0 <= at < finish:
            laps[bisect.bisect_right(bounds, at) - 1].heart_rates.append(bpm)
    return laps
