from decimal import Decimal

from cloudbill import BillingHistory


def _history():
    h = BillingHistory()
    h.add_invoice("2024-04", "50.00", compute__vm="50")
    h.add_invoice("2024-01", "9.00", network__egress="9")
    h.add_invoice("2024-03", "12.40", network__egress="2.40", network__lb="10")
    h.add_invoice("2024-02", "30.00", compute__vm="30")
    return h


def test_parent_service_adds_up_sub_services():
    h = _history()
    assert h.spend("network") == Decimal("21.40")
    assert h.spend("compute") == Decimal("80.00")


def test_service_first_billed_in_a_later_month():
    assert _history().spend("network:lb") == Decimal("10.00")


def test_spend_agrees_with_totals_by_service():
    h = _history()
    for service, amount in h.by_service().items():
        assert h.spend(service) == amount


def test_until_skips_later_months_only():
    h = _history()
    assert h.spend("compute", until="2024-03") == Decimal("30.00")
    assert h.spend("storage") == Decimal("0.00")
