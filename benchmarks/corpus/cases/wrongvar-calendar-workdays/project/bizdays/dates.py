"""Date parsing and ranges."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Iterator

WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


def parse_date(value: str | date) -> date:
    """A date from an ISO string (YYYY-MM-DD) or a date."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"not an ISO date: {value!r}") from None


def weekday_number(name: str) -> int:
    """0 for Monday … 6 for Sunday, from a day name such as 'Sat' or 'saturday'."""
    try:
        return WEEKDAYS[name.strip().lower()[:3]]
    except KeyError:
        raise ValueError(f"not a day of the week: {name!r}") from None


def date_range(start: date, end: date) -> Iterator[date]:
    """Every date d with start <= d < end."""
    day = start
    while day < end:
        yield day
        day += timedelta(days=1)
