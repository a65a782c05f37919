"""Building and checking a rotation."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from itertools import combinations
from typing import Iterable, Sequence

from oncall.shifts import Shift


def build_rotation(people: Sequence[str], start: date, length: int, count: int) -> list[Shift]:
    """``count`` back-to-back shifts of ``length`` days, going round ``people`` in order."""
    if not people:
        raise ValueError("a rotation needs people")
    if length < 1:
        raise ValueError("shifts last at least a day")
    shifts = []
    for i in range(count):
        first = start + timedelta(days=i * length)
        shifts.append(Shift(people[i % len(people)], first, first + timedelta(days=length - 1)))
    return shifts


def who_is_on(shifts: Iterable[Shift], day: date) -> list[str]:
    return sorted({s.person for s in shifts if s.covers(day)})


def conflicts(shifts: Sequence[Shift]) -> list[tuple[Shift, Shift]]:
    """Pairs of shifts of different people that overlap, in input order."""
    return [(a, b) for a, b in combinations(shifts, 2)
            if a.person != b.person and a.overlaps(b)]


def load(shifts: Iterable[Shift]) -> dict[str, int]:
    """Days on call per person."""
    totals: Counter[str] = Counter()
    for s in shifts:
        totals[s.person] += s.days
    return dict(totals)
