from datetime import datetime, timedelta

from parking import Tariff, billable_minutes, fee

TARIFF = Tariff(hourly=250, daily_cap=1500, free_minutes=10)
T0 = datetime(2024, 3, 9, 22, 30)


def test_exactly_one_day():
    minutes = billable_minutes(T0, T0 + timedelta(days=1))
    assert minutes == 1440
    assert fee(minutes, TARIFF) == 1500


def test_several_days_and_a_bit():
    minutes = billable_minutes(T0, T0 + timedelta(days=3, minutes=20))
    assert minutes == 3 * 1440 + 20
    assert fee(minutes, TARIFF) == 3 * 1500 + 250


def test_sub_second_remainder_starts_a_minute():
    assert billable_minutes(T0, T0 + timedelta(days=1, minutes=1, microseconds=500)) == 1442


def test_same_instant_is_free():
    assert billable_minutes(T0, T0) == 0
