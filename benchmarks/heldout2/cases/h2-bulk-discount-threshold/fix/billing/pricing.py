"""Order pricing with quantity discounts.

Discount policy (per order line):
  * 50 units or more:  5% off the line
  * 100 units or more: 10% off the line
"""
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import List

CENT = Decimal("0.01")
BULK_TIERS = [(100, Decimal("0.10")), (50, Decimal("0.05"))]


def bulk_rate(quantity: int) -> Decimal:
    for threshold, rate in BULK_TIERS:
        if quantity >= threshold:
            return rate
    return Decimal("0")


@dataclass
class OrderLine:
    sku: str
    unit_price: Decimal
    quantity: int

    @property
    def gross(self) -> Decimal:
        return self.unit_price * self.quantity

    @property
    def discount(self) -> Decimal:
        return (self.gross * bulk_rate(self.quantity)).quantize(CENT, ROUND_HALF_UP)

    @property
    def net(self) -> Decimal:
        return self.gross - self.discount


@dataclass
class Order:
    customer: str
    lines: List[OrderLine] = field(default_factory=list)
    vat_rate: Decimal = Decimal("0.20")

    def add(self, sku: str, unit_price: str, quantity: int) -> None:
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        self.lines.append(OrderLine(sku, Decimal(unit_price), quantity))

    @property
    def subtotal(self) -> Decimal:
        return sum((line.net for line in self.lines), Decimal("0"))

    @property
    def total(self) -> Decimal:
        return (self.subtotal * (1 + self.vat_rate)).quantize(CENT, ROUND_HALF_UP)
