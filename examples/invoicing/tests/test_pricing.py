from datetime import date
from decimal import Decimal

import pytest

from invoicing import DEFAULT_TIERS, DiscountTier, Invoice, LineItem, compute_totals, tier_for


def test_no_discount_below_first_tier():
    assert tier_for(9) is None


def test_tier_applies_from_its_minimum_quantity():
    assert tier_for(10) == DEFAULT_TIERS[0]


def test_tier_between_minimums():
    assert tier_for(75) == DEFAULT_TIERS[1]
    assert tier_for(250) == DEFAULT_TIERS[2]


def test_custom_tiers_in_any_order():
    tiers = [DiscountTier(20, Decimal("0.2")), DiscountTier(5, Decimal("0.1"))]
    assert tier_for(7, tiers) == tiers[1]
    assert tier_for(30, tiers) == tiers[0]


def test_totals_with_tax_on_discounted_amount():
    invoice = Invoice("INV-1", "Acme", date(2024, 3, 1), (
        LineItem("A", "Widget", Decimal("2.00"), 12),   # 24.00, 5 % off → 1.20
        LineItem("B", "Gadget", Decimal("9.99"), 3),    # 29.97, no discount
    ))
    totals = compute_totals(invoice, Decimal("0.20"))
    assert totals.subtotal == Decimal("53.97")
    assert totals.discount == Decimal("1.20")
    assert totals.tax == Decimal("10.55")
    assert totals.total == Decimal("63.32")


def test_bulk_order_of_exactly_fifty_gets_ten_percent():
    invoice = Invoice("INV-2", "Acme", date(2024, 3, 1), (
        LineItem("C", "Cable", Decimal("3.00"), 50),
    ))
    totals = compute_totals(invoice, Decimal("0"))
    assert totals.discount == Decimal("15.00")
    assert totals.total == Decimal("135.00")


def test_negative_tax_rate_is_rejected():
    invoice = Invoice("INV-3", "Acme", date(2024, 3, 1))
    with pytest.raises(ValueError, match="tax rate"):
        compute_totals(invoice, Decimal("-0.1"))
