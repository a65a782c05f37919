"""Overnight shifts with breaks, a shift ending exactly at midnight, and a too-long
break on a night shift (must still raise): rules out abs() and modulo patches."""
import pytest

from timesheet import shift_minutes


def test_overnight_with_break():
    assert shift_minutes("23:30", "00:15") == 45
    assert shift_minutes("20:00", "04:30", 30) == 480


def test_ends_at_midnight():
    assert shift_minutes("16:00", "00:00") == 480


def test_break_longer_than_night_shift():
    with pytest.raises(ValueError):
        shift_minutes("23:50", "00:10", 30)


def test_day_shift_unchanged():
    assert shift_minutes("00:00", "23:59") == 1439
