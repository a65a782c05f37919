"""Reserving exactly what is left must work, and released stock becomes reservable
again: rules out `>=` comparisons and checks against the wrong counter."""
import pytest

from warehouse.stock import Inventory, OutOfStock


def test_reserve_exactly_remaining():
    inv = Inventory()
    inv.receive("mug", 10)
    inv.reserve("o1", "mug", 7)
    inv.reserve("o2", "mug", 3)
    assert inv.available("mug") == 0
    with pytest.raises(OutOfStock):
        inv.reserve("o3", "mug", 1)


def test_release_makes_stock_available():
    inv = Inventory()
    inv.receive("mug", 5)
    inv.reserve("o1", "mug", 5)
    inv.release("o1")
    inv.reserve("o2", "mug", 5)


def test_after_shipping():
    inv = Inventory()
    inv.receive("cap", 8)
    inv.reserve("a", "cap", 6)
    inv.ship("a")
    inv.reserve("b", "cap", 1)
    with pytest.raises(OutOfStock):
        inv.reserve("c", "cap", 2)
