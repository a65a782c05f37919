from itertools import islice

import pytest

from durations import DurationError, parse_duration, tokens


def test_single_digit():
    assert parse_duration("7") == 7


def test_unit_then_bare_number():
    assert parse_duration("1h 1") == 3601
    assert parse_duration("1m30") == 90
    assert parse_duration("3d 12") == 259212


def test_trailing_decimal_seconds():
    assert parse_duration("0.25") == 0.25
    assert parse_duration("1m 2.5") == 62.5


def test_tokens_keep_whole_numbers():
    assert list(islice(tokens("10m5"), 5)) == [("num", "10"), ("unit", "m"), ("num", "5")]
    assert list(islice(tokens("42"), 5)) == [("num", "42")]


def test_two_numbers_still_rejected():
    with pytest.raises(DurationError):
        parse_duration("1 2")
