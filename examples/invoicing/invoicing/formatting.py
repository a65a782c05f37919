"""Plain-text rendering of an invoice."""

from __future__ import annotations

from decimal import Decimal

from invoicing.models import Invoice
from invoicing.pricing import Totals

WIDTH = 64


def format_money(amount: Decimal) -> str:
    """``1234.5`` → ``"1,234.50"``; negative amounts get a leading minus."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,.2f}"


def _row(left: str, right: str) -> str:
    return f"{left:<{WIDTH - len(right)}}{right}"


def render_invoice(invoice: Invoice, totals: Totals) -> str:
    """The invoice as fixed-width text: header, one row per line item, then the totals."""
    lines = [
        f"INVOICE {invoice.number}",
        f"Bill to: {invoice.customer}",
        f"Issued: {invoice.issued.isoformat()}    Due: {invoice.due.isoformat()}",
        "-" * WIDTH,
    ]
    for item in invoice.items:
        left = f"{item.sku:<8} {item.description[:26]:<26} {item.quantity:>5} x"
        lines.append(_row(left, format_money(item.amount)))
    lines.append("-" * WIDTH)
    lines.append(_row("Subtotal", format_money(totals.subtotal)))
    if totals.discount:
        lines.append(_row("Volume discount", format_money(-totals.discount)))
    lines.append(_row("Tax", format_money(totals.tax)))
    lines.append(_row("TOTAL DUE", format_money(totals.total)))
    return "\n".join(lines) + "\n"
