"""Warehouse stock keeping: receiving, reserving for orders, and shipping."""

from stock.errors import InsufficientStock, UnknownItem
from stock.warehouse import Item, Warehouse

__all__ = ["InsufficientStock", "Item", "UnknownItem", "Warehouse"]
