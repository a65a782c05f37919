import pytest

from durations import DurationError, format_duration, parse_duration


def test_units_with_spaces_and_names():
    assert parse_duration("1h 30m") == 5400
    assert parse_duration("2 days 3 hours") == 183600


def test_compact_form():
    assert parse_duration("1w2d") == 777600


def test_decimal_amount():
    assert parse_duration("1.5h") == 5400


def test_bare_seconds():
    assert parse_duration("90") == 90


def test_trailing_number_is_seconds():
    assert parse_duration("2m 5") == 125


def test_errors():
    with pytest.raises(DurationError):
        parse_duration("5 fortnights")
    with pytest.raises(DurationError):
        parse_duration("h")
    with pytest.raises(DurationError):
        parse_duration("1h 2h")


def test_format_round_trip():
    assert format_duration(93784) == "1d 2h 3m 4s"
    assert parse_duration(format_duration(93784)) == 93784
    assert format_duration(0) == "0s"
