"""The records an invoice is made of."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal


@dataclass(frozen=True)
class LineItem:
    """One product line: ``quantity`` units of ``sku`` at ``unit_price`` each."""

    sku: str
    description: str
    unit_price: Decimal
    quantity: int

    def __post_init__(self) -> None:
        if self.quantity <= 0:
            raise ValueError(f"{self.sku}: quantity must be positive, got {self.quantity}")
        if self.unit_price < 0:
            raise ValueError(f"{self.sku}: unit price cannot be negative")

    @property
    def amount(self) -> Decimal:
        """The undiscounted price of the line."""
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class Invoice:
    """An invoice to one customer; payment is due ``terms_days`` after ``issued``."""

    number: str
    customer: str
    issued: date
    items: tuple[LineItem, ...] = field(default_factory=tuple)
    terms_days: int = 30

    @property
    def due(self) -> date:
        return self.issued + timedelta(days=self.terms_days)

    @property
    def units(self) -> int:
        """How many units the invoice bills in total, over all lines."""
        return sum(item.quantity for item in self.items)

    def with_item(self, item: LineItem) -> Invoice:
        """A copy of this invoice with one more line."""
        return Invoice(self.number, self.customer, self.issued, (*self.items, item), self.terms_days)
