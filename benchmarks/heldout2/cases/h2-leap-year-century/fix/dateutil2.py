"""Calendar helpers used by the billing cycle code."""
from datetime import date

_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if not 1 <= month <= 12:
        raise ValueError(f"bad month {month}")
    return 29 if month == 2 and is_leap(year) else _DAYS[month - 1]


def add_months(d: date, months: int) -> date:
    """Same day n months later, clamped to the end of shorter months."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, days_in_month(year, month)))


def day_of_year(d: date) -> int:
    return sum(days_in_month(d.year, m) for m in range(1, d.month)) + d.day


def billing_dates(start: date, count: int):
    return [add_months(start, k) for k in range(count)]


def end_of_month(d: date) -> date:
    return date(d.year, d.month, days_in_month(d.year, d.month))


def quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1
