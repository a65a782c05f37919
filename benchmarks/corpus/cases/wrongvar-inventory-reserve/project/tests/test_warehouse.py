import pytest

from stock import InsufficientStock, UnknownItem, Warehouse


@pytest.fixture
def wh():
    w = Warehouse()
    w.add_item("A-1", "anchor bolt")
    w.add_item("B-2", "bracket")
    w.receive("A-1", 10)
    return w


def test_receive_and_available(wh):
    wh.receive("A-1", 5)
    assert wh.available("A-1") == 15
    assert wh.available("B-2") == 0


def test_reserve_reduces_available(wh):
    wh.reserve("A-1", 4)
    assert wh.available("A-1") == 6
    assert wh.item("A-1").on_hand == 10


def test_cannot_reserve_more_than_on_hand(wh):
    with pytest.raises(InsufficientStock):
        wh.reserve("A-1", 11)


def test_cannot_reserve_stock_already_reserved(wh):
    wh.reserve("A-1", 7)
    with pytest.raises(InsufficientStock) as err:
        wh.reserve("A-1", 5)
    assert err.value.available == 3


def test_ship_takes_from_reserve_and_shelf(wh):
    wh.reserve("A-1", 3)
    wh.ship("A-1", 3)
    item = wh.item("A-1")
    assert (item.on_hand, item.reserved) == (7, 0)


def test_unknown_item(wh):
    with pytest.raises(UnknownItem):
        wh.receive("Z-9", 1)


def test_low_stock(wh):
    assert wh.low_stock(5) == ["B-2"]
