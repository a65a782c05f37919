from __future__ import annotations

from dataclasses import dataclass

from shop.catalog import Product


@dataclass
class LineItem:
    product: Product
    quantity: int

    @property
    def amount(self) -> int:
        return self.product.price * self.quantity


class Cart:
    def __init__(self, customer: str, items: list[LineItem] | None = None) -> None:
        self.customer = customer
        self.items = items if items is not None else []
        self.code: str | None = None

    def _line(self, sku: str) -> LineItem | None:
        for line in self.items:
            if line.product.sku == sku:
                return line
        return None

    def add(self, product: Product, quantity: int = 1) -> None:
        if quantity < 1:
            raise ValueError("quantity must be at least 1")
        line = self._line(product.sku)
        if line is None:
            self.items.append(LineItem(product, quantity))
        else:
            line.quantity += quantity

    def remove(self, sku: str, quantity: int | None = None) -> None:
        """Remove ``quantity`` units of ``sku`` (all of them when ``quantity`` is None)."""
        line = self._line(sku)
        if line is None:
            raise KeyError(sku)
        if quantity is None or quantity >= line.quantity:
            self.items.remove(line)
        else:
            line.quantity -= quantity

    def subtotal(self) -> int:
        return sum(line.amount for line in self.items)

    def count(self) -> int:
        return sum(line.quantity for line in self.items)
