from datetime import date, datetime, time, timedelta

import pytest

from meetings import UTC, Participant, common_slots, convert, parse_zone


def test_parse_zone():
    assert parse_zone("UTC+05:30").offset_minutes == 330
    assert parse_zone("UTC-03:00").offset_minutes == -180
    assert parse_zone("UTC") is UTC
    with pytest.raises(ValueError):
        parse_zone("GMT+1")


def test_from_utc():
    tokyo = parse_zone("UTC+09:00")
    assert tokyo.from_utc(datetime(2024, 5, 1, 0, 0)) == datetime(2024, 5, 1, 9, 0)


def test_utc_zone_is_identity():
    t = datetime(2024, 5, 1, 12, 15)
    assert UTC.to_utc(t) == t
    assert convert(t, UTC, UTC) == t


def test_berlin_morning_in_utc():
    berlin = parse_zone("UTC+02:00")
    assert berlin.to_utc(datetime(2024, 5, 1, 9, 0)) == datetime(2024, 5, 1, 7, 0)


def test_convert_new_york_to_berlin():
    ny, berlin = parse_zone("UTC-04:00"), parse_zone("UTC+02:00")
    assert convert(datetime(2024, 5, 1, 10, 0), ny, berlin) == datetime(2024, 5, 1, 16, 0)


def test_same_zone_slots():
    a = Participant("a", UTC)
    b = Participant("b", UTC, start=time(15, 0))
    slots = common_slots([a, b], date(2024, 5, 1), timedelta(hours=1))
    assert slots == [
        datetime(2024, 5, 1, 15, 0),
        datetime(2024, 5, 1, 15, 30),
        datetime(2024, 5, 1, 16, 0),
    ]
