"""Setpoints that change with the time of day."""

from __future__ import annotations

from bisect import bisect_right
from datetime import time


class Schedule:
    """A list of ``(start time, setpoint)`` pairs repeating every day.

    The setpoint at a moment is the one of the latest entry starting at or
    before it; before the first entry of the day, yesterday's last one holds.
    """

    def __init__(self, entries: list[tuple[time, float]]) -> None:
        if not entries:
            raise ValueError("a schedule needs at least one entry")
        self.entries = sorted(entries)
        self._starts = [start for start, _ in self.entries]

    def setpoint_at(self, moment: time) -> float:
        index = bisect_right(self._starts, moment) - 1
        return self.entries[index][1]

    def apply(self, thermostat, moment: time) -> None:
        thermostat.target = self.setpoint_at(moment)
