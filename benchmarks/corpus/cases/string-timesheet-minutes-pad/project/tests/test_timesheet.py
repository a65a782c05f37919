from datetime import date

import pytest

from timesheet import format_duration, parse_entry, render_report


def test_parse_entry():
    e = parse_entry("2024-03-04 09:15-12:40 ACME")
    assert (e.day, e.project, e.minutes) == (date(2024, 3, 4), "acme", 205)


def test_entry_ending_before_start():
    with pytest.raises(ValueError):
        parse_entry("2024-03-04 12:00-11:00 acme")


def test_whole_hours():
    assert format_duration(600) == "10:00"


def test_short_minutes_are_zero_padded():
    assert format_duration(125) == "2:05"


def test_report():
    entries = [parse_entry(line) for line in (
        "2024-03-04 09:00-12:30 acme",
        "2024-03-04 13:00-14:05 globex",
        "2024-03-05 08:00-10:00 acme",
    )]
    assert render_report(entries).splitlines() == [
        "Project      Hours",
        "acme          5:30",
        "globex        1:05",
        "Day          Hours",
        "2024-03-04    4:35",
        "2024-03-05    2:00",
        "total         6:35",
    ]
