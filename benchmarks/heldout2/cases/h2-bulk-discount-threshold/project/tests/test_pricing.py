from decimal import Decimal

import pytest

from billing.pricing import Order, bulk_rate


def test_small_quantity_no_discount():
    assert bulk_rate(10) == 0


def test_large_quantity():
    assert bulk_rate(250) == Decimal("0.10")


def test_exactly_fifty_units():
    assert bulk_rate(50) == Decimal("0.05")


def test_order_total_with_vat():
    order = Order("acme")
    order.add("bolt", "0.25", 20)
    order.add("nut", "0.10", 120)
    assert order.subtotal == Decimal("15.80")
    assert order.total == Decimal("18.96")


def test_order_of_exactly_one_hundred():
    order = Order("acme")
    order.add("washer", "1.00", 100)
    assert order.lines[0].discount == Decimal("10.00")


def test_rejects_zero_quantity():
    with pytest.raises(ValueError):
        Order("x").add("bolt", "1", 0)
