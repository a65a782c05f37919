from collections import defaultdict
from typing import Dict, Tuple


class OutOfStock(Exception):
    def __init__(self, sku: str, wanted: int, available: int):
        super().__init__(f"{sku}: wanted {wanted}, only {available} available")
        self.sku, self.wanted, self.available = sku, wanted, available


class Inventory:
    """Stock on hand, with quantities reserved for open orders."""

    def __init__(self):
        self._on_hand: Dict[str, int] = defaultdict(int)
        self._reserved: Dict[str, int] = defaultdict(int)
        self._orders: Dict[str, Tuple[str, int]] = {}

    def receive(self, sku: str, qty: int) -> None:
        if qty <= 0:
            raise ValueError("quantity must be positive")
        self._on_hand[sku] += qty

    def on_hand(self, sku: str) -> int:
        return self._on_hand[sku]

    def available(self, sku: str) -> int:
        return self._on_hand[sku] - self._reserved[sku]

    def reserve(self, order_id: str, sku: str, qty: int) -> None:
        if order_id in self._orders:
            raise ValueError(f"order {order_id} already has a reservation")
        if qty <= 0:
            raise ValueError("quantity must be positive")
        if qty > self._on_hand[sku]:
            raise OutOfStock(sku, qty, self.available(sku))
        self._reserved[sku] += qty
        self._orders[order_id] = (sku, qty)

    def release(self, order_id: str) -> None:
        sku, qty = self._orders.pop(order_id)
        self._reserved[sku] -= qty

    def ship(self, order_id: str) -> None:
        sku, qty = self._orders.pop(order_id)
        self._reserved[sku] -= qty
        self._on_hand[sku] -= qty
