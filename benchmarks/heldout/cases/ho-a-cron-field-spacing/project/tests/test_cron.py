from datetime import datetime

import pytest

from cronlite import CronError, CronSchedule
from cronlite.fields import parse_field


def test_parse_field_forms():
    assert parse_field("*/15", "minute") == {0, 15, 30, 45}
    assert parse_field("1-5", "dow") == {1, 2, 3, 4, 5}
    assert parse_field("mon,wed,fri", "dow") == {1, 3, 5}
    assert parse_field("10-40/10", "minute") == {10, 20, 30, 40}


def test_out_of_range():
    with pytest.raises(CronError):
        parse_field("60", "minute")


def test_wrong_field_count():
    with pytest.raises(CronError):
        CronSchedule.parse("0 9 * *")


def test_next_weekday_morning():
    s = CronSchedule.parse("30 9 * * mon-fri")
    assert s.next_after(datetime(2024, 5, 3, 10, 0)) == datetime(2024, 5, 6, 9, 30)


def test_alias():
    s = CronSchedule.parse("@daily")
    assert s.next_after(datetime(2024, 2, 28, 23, 59)) == datetime(2024, 2, 29, 0, 0)


def test_aligned_columns_from_crontab():
    s = CronSchedule.parse("0  2   *  *  sun")
    assert s.matches(datetime(2024, 5, 5, 2, 0))
