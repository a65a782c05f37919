import pytest

from timesheet import overtime, shift_minutes, to_minutes, weekly_hours


def test_day_shift_with_break():
    assert shift_minutes("09:00", "17:30", 30) == 480


def test_bad_time():
    with pytest.raises(ValueError):
        to_minutes("24:10")


def test_break_longer_than_shift():
    with pytest.raises(ValueError):
        shift_minutes("09:00", "09:20", 30)


def test_night_shift():
    assert shift_minutes("22:00", "06:00") == 480


def test_weekly_hours_and_overtime():
    rows = [("ann", "08:00", "18:00", 60)] * 5 + [("bob", "22:00", "07:00", 60)] * 5
    hours = weekly_hours(rows)
    assert hours == {"ann": 45.0, "bob": 40.0}
    assert overtime(hours) == {"ann": 5.0}
