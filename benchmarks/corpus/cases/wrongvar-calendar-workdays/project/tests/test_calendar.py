from datetime import date

import pytest

from bizdays import BusinessCalendar, parse_date


def test_weekends_are_not_business_days():
    cal = BusinessCalendar()
    assert cal.is_business_day("2024-03-08")  # a Friday
    assert not cal.is_business_day("2024-03-09")
    assert not cal.is_business_day("2024-03-10")


def test_holidays_are_not_business_days():
    cal = BusinessCalendar(holidays=["2024-12-25"])
    assert not cal.is_business_day(date(2024, 12, 25))
    assert cal.is_business_day(date(2024, 12, 24))


def test_add_business_days_skips_the_weekend():
    cal = BusinessCalendar()
    assert cal.add_business_days("2024-03-08", 1) == date(2024, 3, 11)
    assert cal.add_business_days("2024-03-11", -1) == date(2024, 3, 8)


def test_count_within_a_week():
    cal = BusinessCalendar()
    assert cal.count_business_days("2024-03-06", "2024-03-12") == 4


def test_count_over_two_weeks():
    cal = BusinessCalendar()
    assert cal.count_business_days("2024-03-04", "2024-03-18") == 10


def test_standard_week_has_five_workdays():
    assert BusinessCalendar().workdays_per_week == 5


def test_bad_date_is_rejected():
    with pytest.raises(ValueError):
        parse_date("2024-13-01")
