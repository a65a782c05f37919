from decimal import Decimal

import pytest

from cloudbill import BillingHistory, InvoiceMismatch, format_usd, parse_cost


@pytest.fixture
def history():
    h = BillingHistory()
    h.add_invoice("2024-01", "120.00", compute__vm="100", storage__blob="20")
    h.add_invoice("2024-02", "131.50", compute__vm="110", storage__blob="21.50")
    h.add_invoice("2024-03", "95.25", compute__vm="80", compute__gpu="15.25")
    return h


def test_parse_and_format_costs():
    assert parse_cost("$1,234.5") == Decimal("1234.50")
    assert parse_cost("0.004") == Decimal("0.00")
    assert format_usd(Decimal("-1234.5")) == "-$1,234.50"


def test_invoice_must_add_up():
    with pytest.raises(InvoiceMismatch):
        BillingHistory().add_invoice("2024-01", "10", compute="9")


def test_totals_by_service(history):
    totals = history.by_service()
    assert totals["compute:vm"] == Decimal("290.00")
    assert sum(totals.values()) == Decimal("346.75")


def test_spend_with_one_invoice():
    h = BillingHistory()
    h.add_invoice("2024-05", "12.00", dns="2", cdn="10")
    assert h.spend("cdn") == Decimal("10.00")


def test_spend_over_several_months(history):
    assert history.spend("compute:vm") == Decimal("290.00")


def test_spend_until_a_month(history):
    assert history.spend("storage", until="2024-02") == Decimal("41.50")
