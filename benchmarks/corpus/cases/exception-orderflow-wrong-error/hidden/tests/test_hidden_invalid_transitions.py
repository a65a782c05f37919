import pytest

from orderflow import InvalidTransition, Order


def test_error_carries_state_and_event():
    order = Order("B-1", 100, state="delivered")
    with pytest.raises(InvalidTransition) as info:
        order.fire("ship")
    assert (info.value.state, info.value.event) == ("delivered", "ship")


def test_unknown_event_is_invalid_too():
    with pytest.raises(InvalidTransition):
        Order("B-2", 100).fire("teleport")


def test_failed_event_changes_nothing():
    order = Order("B-3", 100)
    order.fire("checkout")
    with pytest.raises(InvalidTransition):
        order.fire("deliver")
    assert order.state == "pending" and order.history == [("cart", "checkout")]


def test_over_refund_is_a_value_error_not_a_transition_error():
    order = Order("B-4", 100, state="refunding")
    with pytest.raises(ValueError):
        order.refund(150)
    assert order.state == "refunding"
