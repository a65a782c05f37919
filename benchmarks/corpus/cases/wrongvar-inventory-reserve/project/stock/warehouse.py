"""The warehouse: items on hand and the part of them reserved for open orders."""

from __future__ import annotations

from dataclasses import dataclass

from stock.errors import InsufficientStock, UnknownItem


@dataclass
class Item:
    sku: str
    name: str
    on_hand: int = 0
    reserved: int = 0


def _positive(qty: int) -> int:
    if not isinstance(qty, int) or qty <= 0:
        raise ValueError(f"quantity must be a positive integer, not {qty!r}")
    return qty


class Warehouse:
    def __init__(self) -> None:
        self._items: dict[str, Item] = {}

    def add_item(self, sku: str, name: str) -> Item:
        item = self._items.setdefault(sku, Item(sku, name))
        return item

    def item(self, sku: str) -> Item:
        try:
            return self._items[sku]
        except KeyError:
            raise UnknownItem(sku) from None

    def receive(self, sku: str, qty: int) -> None:
        """Book an incoming delivery of ``qty`` units."""
        self.item(sku).on_hand += _positive(qty)

    def available(self, sku: str) -> int:
        """Units on hand that are not reserved for an order."""
        item = self.item(sku)
        return item.on_hand - item.reserved

    def reserve(self, sku: str, qty: int) -> None:
        """Set ``qty`` units aside for an order; only unreserved stock can be reserved."""
        _positive(qty)
        item = self.item(sku)
        on_hand = item.on_hand
        available = on_hand - item.reserved
        if qty > on_hand:
            raise InsufficientStock(sku, qty, available)
        item.reserved += qty

    def release(self, sku: str, qty: int) -> None:
        """Give back ``qty`` reserved units, e.g. when an order is cancelled."""
        _positive(qty)
        item = self.item(sku)
        if qty > item.reserved:
            raise ValueError(f"{sku}: only {item.reserved} units are reserved")
        item.reserved -= qty

    def ship(self, sku: str, qty: int) -> None:
        """Ship ``qty`` reserved units: they leave both the reserve and the shelf."""
        _positive(qty)
        item = self.item(sku)
        if qty > item.reserved:
            raise ValueError(f"{sku}: only {item.reserved} units are reserved")
        item.reserved -= qty
        item.on_hand -= qty

    def low_stock(self, threshold: int) -> list[str]:
        """SKUs whose available stock is below ``threshold``, in SKU order."""
        return sorted(sku for sku in self._items if self.available(sku) < threshold)
