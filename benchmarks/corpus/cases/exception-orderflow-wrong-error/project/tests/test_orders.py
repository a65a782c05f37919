import pytest

from orderflow import InvalidTransition, Order


def test_happy_path():
    order = Order("A-1", 2500)
    for event in ("checkout", "pay", "ship", "deliver"):
        order.fire(event)
    assert order.state == "delivered"
    assert [e for _, e in order.history] == ["checkout", "pay", "ship", "deliver"]


def test_cancel_before_payment_closes_order():
    order = Order("A-2", 100)
    order.fire("checkout")
    order.fire("cancel")
    assert order.closed


def test_partial_then_full_refund():
    order = Order("A-3", 1000, state="refunding")
    order.refund(400)
    assert order.state == "refunding"
    order.refund(600)
    assert order.state == "refunded"


def test_refund_needs_refunding_state():
    with pytest.raises(InvalidTransition):
        Order("A-4", 1000, state="paid").refund()


def test_cannot_ship_unpaid_order():
    order = Order("A-5", 100, state="pending")
    with pytest.raises(InvalidTransition):
        order.fire("ship")


def test_nothing_happens_after_cancel():
    order = Order("A-6", 100, state="cancelled")
    with pytest.raises(InvalidTransition):
        order.fire("pay")
