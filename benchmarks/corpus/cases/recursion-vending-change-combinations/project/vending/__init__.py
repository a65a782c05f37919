"""A vending machine's coin handling."""

from vending.change import count_ways, fewest_coins
from vending.coins import EURO_COINS, format_cents, parse_cents
from vending.machine import OutOfChange, VendingMachine

__all__ = [
    "EURO_COINS", "OutOfChange", "VendingMachine",
    "count_ways", "fewest_coins", "format_cents", "parse_cents",
]
