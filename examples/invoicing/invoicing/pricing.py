"""Volume discounts and tax.

Each line gets the discount of the most generous tier its quantity reaches: a tier applies
from its minimum quantity upwards, so ordering exactly ``min_quantity`` units qualifies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from invoicing.models import Invoice, LineItem

CENT = Decimal("0.01")


@dataclass(frozen=True)
class DiscountTier:
    """From ``min_quantity`` units on, a line is discounted by ``rate`` (0.05 is 5 %)."""

    min_quantity: int
    rate: Decimal


DEFAULT_TIERS: tuple[DiscountTier, ...] = (
    DiscountTier(10, Decimal("0.05")),
    DiscountTier(50, Decimal("0.10")),
    DiscountTier(100, Decimal("0.15")),
)


@dataclass(frozen=True)
class Totals:
    """The money lines at the foot of an invoice, each rounded to the cent."""

    subtotal: Decimal
    discount: Decimal
    tax: Decimal
    total: Decimal


def round_money(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def tier_for(quantity: int, tiers: Sequence[DiscountTier] = DEFAULT_TIERS) -> DiscountTier | None:
    """The most generous tier ``quantity`` reaches, or None below the smallest tier."""
    best: DiscountTier | None = None
    for tier in sorted(tiers, key=lambda t: t.min_quantity):
        if quantity > tier.min_quantity:
            best = tier
    return best


def line_discount(item: LineItem, tiers: Sequence[DiscountTier] = DEFAULT_TIERS) -> Decimal:
    """The discount on one line, rounded to the cent (zero when no tier applies)."""
    tier = tier_for(item.quantity, tiers)
    if tier is None:
        return Decimal("0.00")
    return round_money(item.amount * tier.rate)


def compute_totals(
    invoice: Invoice,
    tax_rate: Decimal,
    tiers: Sequence[DiscountTier] = DEFAULT_TIERS,
) -> Totals:
    """Subtotal, discount, tax on the discounted amount, and the total due."""
    if tax_rate < 0:
        raise ValueError("tax rate cannot be negative")
    subtotal = round_money(sum((item.amount for item in invoice.items), Decimal("0")))
    discount = sum((line_discount(item, tiers) for item in invoice.items), Decimal("0.00"))
    tax = round_money((subtotal - discount) * tax_rate)
    return Totals(subtotal, discount, tax, subtotal - discount + tax)
