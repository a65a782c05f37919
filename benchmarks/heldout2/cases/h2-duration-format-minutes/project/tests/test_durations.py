import pytest

from jobs.durations import format_duration, parse_duration, status_lines


def test_seconds_only():
    assert format_duration(42) == "42s"
    assert format_duration(0) == "0s"


def test_minutes():
    assert format_duration(125) == "2m 05s"


def test_parse():
    assert parse_duration("1h 30m") == 5400
    with pytest.raises(ValueError):
        parse_duration("soon")


def test_hours():
    assert format_duration(3725) == "1h 02m 05s"


def test_status_lines():
    assert status_lines({"backup": 7380, "lint": 61}) == ["backup  2h 03m 00s", "lint    1m 01s"]
