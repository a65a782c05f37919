from datetime import datetime

import pytest

from rooms.booking import BookingConflict, RoomCalendar


def at(hour, minute=0):
    return datetime(2024, 6, 3, hour, minute)


def test_overlap_rejected():
    cal = RoomCalendar()
    cal.book("blue", at(9), at(10), "ann")
    with pytest.raises(BookingConflict):
        cal.book("blue", at(9, 30), at(11), "bob")


def test_other_room_is_free():
    cal = RoomCalendar()
    cal.book("blue", at(9), at(10), "ann")
    cal.book("red", at(9), at(10), "bob")
    assert cal.usage_minutes() == {"blue": 60, "red": 60}


def test_contained_booking_rejected():
    cal = RoomCalendar()
    cal.book("blue", at(9), at(12), "ann")
    with pytest.raises(BookingConflict):
        cal.book("blue", at(10), at(11), "bob")


def test_end_before_start_rejected():
    with pytest.raises(ValueError):
        RoomCalendar().book("blue", at(10), at(9), "ann")


def test_back_to_back_meeting_allowed():
    cal = RoomCalendar()
    cal.book("blue", at(9), at(10), "ann")
    cal.book("blue", at(10), at(11), "bob")
    assert len(cal.bookings) == 2
