"""Ranges starting on a weekend, whole years, and consistency with is_business_day:
rules out patches that skip only a single weekend day or stop at the first holiday."""
from datetime import date, timedelta

from workdays.calendar import business_days_between, is_business_day


def test_starting_on_saturday():
    assert business_days_between(date(2024, 3, 9), date(2024, 3, 12)) == 1


def test_against_day_by_day_count():
    hol = [date(2024, 1, 1), date(2024, 12, 25), date(2024, 12, 26)]
    start = date(2023, 12, 20)
    for span in range(0, 400, 7):
        end = start + timedelta(days=span)
        want = sum(is_business_day(start + timedelta(days=i), hol) for i in range(span))
        assert business_days_between(start, end, hol) == want
