from datetime import date

from dateutil2 import add_months, billing_dates, day_of_year, days_in_month, is_leap


def test_common_leap_years():
    assert is_leap(2024) and not is_leap(2023) and not is_leap(1900)


def test_month_end_clamping():
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_day_of_year():
    assert day_of_year(date(2023, 12, 31)) == 365


def test_year_2000_february():
    assert days_in_month(2000, 2) == 29
    assert add_months(date(1999, 12, 31), 2) == date(2000, 2, 29)


def test_billing_dates_cross_year():
    assert billing_dates(date(2023, 11, 30), 3) == [date(2023, 11, 30), date(2023, 12, 30), date(2024, 1, 30)]
