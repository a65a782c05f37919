import pytest

from warehouse.stock import Inventory, OutOfStock


def stocked(qty=10):
    inv = Inventory()
    inv.receive("mug", qty)
    return inv


def test_reserve_reduces_available():
    inv = stocked()
    inv.reserve("o1", "mug", 4)
    assert inv.available("mug") == 6 and inv.on_hand("mug") == 10


def test_reserve_more_than_on_hand():
    with pytest.raises(OutOfStock):
        stocked(3).reserve("o1", "mug", 4)


def test_ship_and_release():
    inv = stocked()
    inv.reserve("o1", "mug", 4)
    inv.reserve("o2", "mug", 2)
    inv.ship("o1")
    inv.release("o2")
    assert inv.on_hand("mug") == 6 and inv.available("mug") == 6


def test_second_order_cannot_take_reserved_stock():
    inv = stocked(10)
    inv.reserve("o1", "mug", 7)
    with pytest.raises(OutOfStock) as info:
        inv.reserve("o2", "mug", 5)
    assert info.value.available == 3
    assert inv.available("mug") == 3
