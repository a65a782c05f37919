import pytest

from rooms import Booking, Conflict, Schedule


def test_back_to_back_before_existing():
    s = Schedule()
    s.book("Oak", "10:00", "11:00")
    s.book("Oak", "09:00", "10:00")
    assert len(s.bookings("Oak")) == 2


@pytest.mark.parametrize("start,end", [("09:30", "10:30"), ("10:15", "10:45"),
                                       ("09:00", "12:00"), ("10:59", "11:30")])
def test_any_shared_minute_conflicts(start, end):
    s = Schedule()
    existing = s.book("Oak", "10:00", "11:00")
    with pytest.raises(Conflict) as err:
        s.book("Oak", start, end)
    assert err.value.existing == existing


def test_overlaps_is_symmetric():
    a = Booking.of("Oak", "08:00", "09:00")
    b = Booking.of("Oak", "12:00", "13:00")
    c = Booking.of("Oak", "08:30", "12:30")
    assert not a.overlaps(b) and not b.overlaps(a)
    assert a.overlaps(c) and c.overlaps(a) and b.overlaps(c) and c.overlaps(b)
    assert not a.overlaps(Booking.of("Elm", "08:00", "09:00"))


def test_filling_a_gap_between_bookings():
    s = Schedule()
    s.book("Oak", "13:00", "14:00")
    s.book("Oak", "09:00", "10:00")
    s.book("Oak", "10:00", "13:00")
    assert s.free_slots("Oak") == [(480, 540), (840, 1080)]
