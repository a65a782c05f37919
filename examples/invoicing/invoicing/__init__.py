"""A small invoicing library: line items, volume discounts, tax and plain-text invoices."""

from invoicing.formatting import format_money, render_invoice
from invoicing.loader import load_items
from invoicing.models import Invoice, LineItem
from invoicing.pricing import DEFAULT_TIERS, DiscountTier, Totals, compute_totals, tier_for

__all__ = [
    "DEFAULT_TIERS",
    "DiscountTier",
    "Invoice",
    "LineItem",
    "Totals",
    "compute_totals",
    "format_money",
    "load_items",
    "render_invoice",
    "tier_for",
]
