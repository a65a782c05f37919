"""The life cycle of a shop order as a state machine."""

from orderflow.order import Order
from orderflow.states import TRANSITIONS, InvalidTransition

__all__ = ["InvalidTransition", "Order", "TRANSITIONS"]
