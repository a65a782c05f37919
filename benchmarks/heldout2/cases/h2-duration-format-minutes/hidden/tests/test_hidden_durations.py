"""Round trip through parse_duration for many values, including exact hours and
durations over a day: rules out fixes that subtract 60 minutes once."""
from jobs.durations import format_duration, parse_duration


def test_roundtrip():
    for secs in list(range(0, 4000, 7)) + [3600, 7199, 86399, 90061, 360000]:
        text = format_duration(secs)
        assert parse_duration(text) == secs, text


def test_exact_hours():
    assert format_duration(7200) == "2h 00m 00s"
    assert format_duration(90061) == "25h 01m 01s"
