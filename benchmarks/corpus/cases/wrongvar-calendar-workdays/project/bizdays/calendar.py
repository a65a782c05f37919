"""A calendar of working days."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable

from bizdays.dates import date_range, parse_date, weekday_number


class BusinessCalendar:
    """Working days are the days outside the weekend that are not holidays."""

    def __init__(self, holidays: Iterable[str | date] = (),
                 weekend: Iterable[str] = ("Sat", "Sun")) -> None:
        self.holidays = frozenset(parse_date(h) for h in holidays)
        self.weekend = frozenset(weekday_number(d) for d in weekend)
        self._workdays = tuple(d for d in range(7) if d not in weekend)

    @property
    def workdays_per_week(self) -> int:
        return len(self._workdays)

    def is_business_day(self, day: str | date) -> bool:
        day = parse_date(day)
        return day.weekday() not in self.weekend and day not in self.holidays

    def add_business_days(self, start: str | date, n: int) -> date:
        """The date ``n`` business days after ``start`` (before it when n is negative)."""
        day = parse_date(start)
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        while remaining:
            day += timedelta(days=step)
            if self.is_business_day(day):
                remaining -= 1
        return day

    def count_business_days(self, start: str | date, end: str | date) -> int:
        """How many business days d there are with start <= d < end."""
        start, end = parse_date(start), parse_date(end)
        if end <= start:
            return 0
        weeks = (end - start).days // 7
        whole_weeks_end = start + timedelta(weeks=weeks)
        count = weeks * len(self._workdays)
        count -= sum(1 for h in self.holidays
                     if start <= h < whole_weeks_end and h.weekday() in self._workdays)
        count += sum(1 for day in date_range(whole_weeks_end, end) if self.is_business_day(day))
        return count
