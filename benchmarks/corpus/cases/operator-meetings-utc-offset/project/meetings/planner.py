"""Finding times that fall inside everyone's working hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from meetings.zones import Zone

Interval = tuple[datetime, datetime]


@dataclass(frozen=True)
class Participant:
    name: str
    zone: Zone
    start: time = time(9, 0)
    end: time = time(17, 0)

    def working_hours_utc(self, day: date) -> Interval:
        """This person's working hours on local ``day``, as a UTC interval."""
        return (
            self.zone.to_utc(datetime.combine(day, self.start)),
            self.zone.to_utc(datetime.combine(day, self.end)),
        )


def _intersect(a: Interval, b: Interval) -> Interval | None:
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return (start, end) if start < end else None


def common_slots(
    people: list[Participant], day: date, length: timedelta, step: timedelta = timedelta(minutes=30)
) -> list[datetime]:
    """UTC start times, ``step`` apart, of meetings of ``length`` that fit everyone's day."""
    if not people:
        return []
    window: Interval | None = people[0].working_hours_utc(day)
    for person in people[1:]:
        if window is None:
            return []
        window = _intersect(window, person.working_hours_utc(day))
    if window is None:
        return []
    slots = []
    t = window[0]
    while t + length <= window[1]:
        slots.append(t)
        t += step
    return slots
