import pytest

from rooms import Conflict, Schedule, format_time, parse_time


def test_parse_and_format_time():
    assert parse_time("09:30") == 570
    assert format_time(570) == "09:30"
    with pytest.raises(ValueError):
        parse_time("9.30")


def test_overlapping_booking_is_refused():
    s = Schedule()
    s.book("Oak", "10:00", "11:00")
    with pytest.raises(Conflict):
        s.book("Oak", "10:30", "11:30")


def test_other_room_at_the_same_time():
    s = Schedule()
    s.book("Oak", "10:00", "11:00")
    s.book("Elm", "10:00", "11:00")
    assert len(s.bookings("Elm")) == 1


def test_back_to_back_after_existing():
    s = Schedule()
    s.book("Oak", "10:00", "11:00")
    s.book("Oak", "11:00", "12:00")
    assert [str(b) for b in s.bookings("Oak")] == ["Oak 10:00-11:00", "Oak 11:00-12:00"]


def test_earlier_booking_in_the_same_room():
    s = Schedule()
    s.book("Oak", "14:00", "15:00", "review")
    s.book("Oak", "09:00", "10:00", "standup")
    assert [b.title for b in s.bookings("Oak")] == ["standup", "review"]


def test_free_slots():
    s = Schedule()
    s.book("Oak", "10:00", "11:00")
    s.book("Oak", "08:00", "09:00")
    assert s.free_slots("Oak") == [(540, 600), (660, 1080)]


def test_outside_opening_hours():
    with pytest.raises(ValueError):
        Schedule().book("Oak", "17:30", "18:30")
