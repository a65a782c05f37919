from datetime import date
from decimal import Decimal

import pytest

from invoicing import Invoice, LineItem


def test_line_amount_is_price_times_quantity():
    assert LineItem("A", "Widget", Decimal("2.50"), 4).amount == Decimal("10.00")


def test_line_rejects_non_positive_quantity():
    with pytest.raises(ValueError, match="quantity must be positive"):
        LineItem("A", "Widget", Decimal("1"), 0)


def test_due_date_and_units():
    invoice = Invoice("INV-7", "Acme", date(2024, 1, 20), terms_days=14)
    invoice = invoice.with_item(LineItem("A", "Widget", Decimal("1"), 3))
    invoice = invoice.with_item(LineItem("B", "Gadget", Decimal("2"), 4))
    assert invoice.due == date(2024, 2, 3)
    assert invoice.units == 7
    assert [item.sku for item in invoice.items] == ["A", "B"]
