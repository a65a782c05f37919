from datetime import date
from decimal import Decimal

from invoicing import Invoice, LineItem, compute_totals, format_money, render_invoice
from invoicing.formatting import WIDTH


def test_format_money_groups_thousands():
    assert format_money(Decimal("1234.5")) == "1,234.50"
    assert format_money(Decimal("-3")) == "-3.00"


def _invoice():
    return Invoice("INV-9", "Globex", date(2024, 5, 2), (
        LineItem("BOLT-8", "Hex bolt M8", Decimal("0.40"), 120),
        LineItem("NUT-8", "Hex nut M8", Decimal("0.10"), 8),
    ))


def test_render_lists_every_line_and_the_total():
    invoice = _invoice()
    text = render_invoice(invoice, compute_totals(invoice, Decimal("0.20")))
    lines = text.splitlines()
    assert lines[0] == "INVOICE INV-9"
    assert "Due: 2024-06-01" in lines[2]
    assert any(line.startswith("BOLT-8") and line.endswith("48.00") for line in lines)
    assert lines[-1].startswith("TOTAL DUE") and lines[-1].endswith("49.92")
    assert all(len(line) <= WIDTH for line in lines)


def test_render_shows_discount_only_when_there_is_one():
    invoice = _invoice()
    with_discount = render_invoice(invoice, compute_totals(invoice, Decimal("0")))
    small = Invoice("INV-10", "Globex", date(2024, 5, 2), invoice.items[1:])
    without = render_invoice(small, compute_totals(small, Decimal("0")))
    assert "Volume discount" in with_discount
    assert "-7.20" in with_discount
    assert "Volume discount" not in without
