from datetime import date

from workdays.calendar import add_business_days, business_days_between, business_days_in_month

MON = date(2024, 3, 4)


def test_within_one_week():
    assert business_days_between(MON, date(2024, 3, 8)) == 4


def test_same_day():
    assert business_days_between(MON, MON) == 0


def test_add_over_weekend():
    assert add_business_days(date(2024, 3, 8), 1) == date(2024, 3, 11)


def test_month_listing():
    assert len(business_days_in_month(2024, 2)) == 21


def test_span_including_weekend():
    assert business_days_between(MON, date(2024, 3, 18)) == 10


def test_holiday_on_weekday():
    assert business_days_between(MON, date(2024, 3, 8), holidays=[date(2024, 3, 6)]) == 3
