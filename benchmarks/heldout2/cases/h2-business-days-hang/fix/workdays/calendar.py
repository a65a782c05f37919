"""Business-day arithmetic (Monday to Friday, minus holidays)."""
from datetime import date, timedelta
from typing import Iterable, List

ONE_DAY = timedelta(days=1)


def is_business_day(day: date, holidays: Iterable[date] = ()) -> bool:
    return day.weekday() < 5 and day not in set(holidays)


def business_days_between(start: date, end: date, holidays: Iterable[date] = ()) -> int:
    """Number of business days d with start <= d < end."""
    if end < start:
        raise ValueError("end before start")
    holidays = set(holidays)
    count = 0
    day = start
    while day < end:
        if day.weekday() < 5 and day not in holidays:
            count += 1
        day += ONE_DAY
    return count


def add_business_days(start: date, n: int, holidays: Iterable[date] = ()) -> date:
    """The date n business days after start."""
    if n < 0:
        raise ValueError("n must be non-negative")
    holidays = set(holidays)
    day = start
    while n > 0:
        day += ONE_DAY
        if day.weekday() < 5 and day not in holidays:
            n -= 1
    return day


def sla_deadline(opened: date, sla_days: int, holidays: Iterable[date] = ()) -> date:
    return add_business_days(opened, sla_days, holidays)


def business_days_in_month(year: int, month: int, holidays: Iterable[date] = ()) -> List[date]:
    day = date(year, month, 1)
    out = []
    while day.month == month:
        if is_business_day(day, holidays):
            out.append(day)
        day += ONE_DAY
    return out
