"""Back-to-back in the other order (new meeting ends when the existing one starts),
and one-minute overlaps: a fix that relaxes only one of the two comparisons fails."""
from datetime import datetime

import pytest

from rooms.booking import Booking, BookingConflict, RoomCalendar


def at(hour, minute=0):
    return datetime(2024, 6, 3, hour, minute)


def test_new_meeting_right_before_existing():
    cal = RoomCalendar()
    cal.book("blue", at(10), at(11), "ann")
    cal.book("blue", at(9), at(10), "bob")
    assert len(cal.bookings) == 2


def test_one_minute_overlap_both_ways():
    cal = RoomCalendar()
    cal.book("blue", at(10), at(11), "ann")
    with pytest.raises(BookingConflict):
        cal.book("blue", at(9), at(10, 1), "bob")
    with pytest.raises(BookingConflict):
        cal.book("blue", at(10, 59), at(12), "cy")


def test_overlaps_is_symmetric():
    a = Booking("r", at(8), at(9), "x")
    b = Booking("r", at(9), at(10), "y")
    assert not a.overlaps(b) and not b.overlaps(a)
    c = Booking("r", at(8, 30), at(9, 30), "z")
    assert a.overlaps(c) and c.overlaps(a) and b.overlaps(c) and c.overlaps(b)
