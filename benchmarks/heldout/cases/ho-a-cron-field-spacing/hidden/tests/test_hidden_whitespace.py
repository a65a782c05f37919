from datetime import datetime

import pytest

from cronlite import CronError, CronSchedule


def test_tabs_between_fields():
    s = CronSchedule.parse("*/10\t*\t*\t*\t*")
    assert s.next_after(datetime(2024, 1, 1, 0, 1)) == datetime(2024, 1, 1, 0, 10)


def test_mixed_whitespace_and_newline():
    s = CronSchedule.parse("  15 \t 4  1 jan *\n")
    assert s.next_after(datetime(2024, 6, 1)) == datetime(2025, 1, 1, 4, 15)


def test_extra_field_still_rejected_with_spacing():
    with pytest.raises(CronError):
        CronSchedule.parse("0  0  *  *  *  extra")


def test_same_schedule_whatever_the_spacing():
    assert CronSchedule.parse("5 4 * * *") == CronSchedule.parse("5    4\t*  * *")
