"""Other multiples of 400 and of 100, checked against the calendar module: rules out
special-casing the year 2000."""
import calendar
from datetime import date

from dateutil2 import day_of_year, is_leap


def test_against_calendar_module():
    for y in range(1500, 2500):
        assert is_leap(y) == calendar.isleap(y), y


def test_day_of_year_2400():
    assert day_of_year(date(2400, 12, 31)) == 366
    assert day_of_year(date(2100, 12, 31)) == 365
