import pytest

from cinema import BookingError, Hall, Screening, best_block, parse_seat

HALL = Hall("Studio 2", rows=4, seats_per_row=6)


def test_parse_seat():
    assert parse_seat("c5", HALL) == (2, 4)
    with pytest.raises(ValueError):
        parse_seat("E1", HALL)
    with pytest.raises(ValueError):
        parse_seat("A0", HALL)


def test_empty_screening():
    s = Screening(HALL, "Metropolis")
    assert s.free_count() == 24
    assert s.holder("A1") is None


def test_book_and_look_up():
    s = Screening(HALL, "Metropolis")
    s.book("ann", "B2", "B3")
    assert s.holder("B3") == "ann"
    assert s.holder("C3") is None
    assert s.free_count() == 22


def test_double_booking_is_refused():
    s = Screening(HALL, "Metropolis")
    s.book("ann", "B2")
    with pytest.raises(BookingError, match="B2"):
        s.book("bob", "B1", "B2")
    assert s.holder("B1") is None


def test_best_block_in_an_empty_hall():
    assert best_block(Screening(HALL, "Metropolis"), 2) == ["D3", "D4"]


def test_chart():
    s = Screening(Hall("Tiny", rows=2, seats_per_row=3), "Nosferatu")
    s.book("cy", "A1")
    assert s.chart() == "B ...\nA #.."
