from datetime import date
from decimal import Decimal as D

from invoicing.invoice import Invoice, Line


def make(*lines):
    return Invoice("2024-001", date(2024, 1, 15), lines=list(lines))


def test_due_date():
    assert make().due == date(2024, 2, 14)


def test_single_items():
    inv = make(Line("Consulting", D("100.00")), Line("Book", D("20.00"), tax_rate=D("0.07")))
    assert inv.tax_by_rate() == {D("0.19"): D("19.00"), D("0.07"): D("1.40")}
    assert inv.gross_total() == D("140.40")


def test_net_total_counts_quantity():
    assert make(Line("Hours", D("80.00"), quantity=3)).net_total() == D("240.00")


def test_tax_on_multiple_units():
    inv = make(Line("Hours", D("80.00"), quantity=3))
    assert inv.tax_by_rate() == {D("0.19"): D("45.60")}
    assert inv.gross_total() == D("285.60")
