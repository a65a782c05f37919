"""Elevator cars and a dispatcher that assigns hall calls to them."""

from lift.car import Car, Direction
from lift.dispatcher import Dispatcher

__all__ = ["Car", "Direction", "Dispatcher"]
