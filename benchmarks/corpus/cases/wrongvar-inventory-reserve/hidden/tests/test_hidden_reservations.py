import pytest

from stock import InsufficientStock, Warehouse


def _warehouse(on_hand):
    w = Warehouse()
    w.add_item("K", "kettle")
    w.receive("K", on_hand)
    return w


def test_can_reserve_exactly_what_is_left():
    w = _warehouse(8)
    w.reserve("K", 5)
    w.reserve("K", 3)
    assert w.available("K") == 0


def test_one_more_than_left_is_refused_and_changes_nothing():
    w = _warehouse(8)
    w.reserve("K", 5)
    with pytest.raises(InsufficientStock):
        w.reserve("K", 4)
    assert w.item("K").reserved == 5


def test_released_units_can_be_reserved_again():
    w = _warehouse(6)
    w.reserve("K", 6)
    with pytest.raises(InsufficientStock):
        w.reserve("K", 1)
    w.release("K", 2)
    w.reserve("K", 2)
    assert w.available("K") == 0


def test_reservations_count_toward_low_stock():
    w = _warehouse(10)
    w.reserve("K", 9)
    assert w.low_stock(2) == ["K"]
