from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Dict, Optional

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Coupon:
    code: str
    percent_off: int
    min_spend: Decimal = Decimal("0")
    max_discount: Optional[Decimal] = None


@dataclass
class Cart:
    prices: Dict[str, Decimal]
    quantities: Dict[str, int] = field(default_factory=dict)
    coupon: Optional[Coupon] = None
    shipping_flat: Decimal = Decimal("4.95")
    free_shipping_from: Decimal = Decimal("50")

    def add(self, sku: str, qty: int = 1) -> None:
        if sku not in self.prices:
            raise KeyError(sku)
        self.quantities[sku] = self.quantities.get(sku, 0) + qty

    def subtotal(self) -> Decimal:
        return sum((self.prices[s] * q for s, q in self.quantities.items()), Decimal("0"))

    def discount(self) -> Decimal:
        c = self.coupon
        if c is None or self.subtotal() < c.min_spend:
            return Decimal("0.00")
        amount = self.subtotal() * c.percent_off
        if c.max_discount is not None:
            amount = min(amount, c.max_discount)
        return amount.quantize(CENT, ROUND_HALF_UP)

    def shipping(self) -> Decimal:
        if not self.quantities or self.subtotal() >= self.free_shipping_from:
            return Decimal("0.00")
        return self.shipping_flat

    def total(self) -> Decimal:
        return self.subtotal() - self.discount() + self.shipping()
