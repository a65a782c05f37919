"""Mixed quantities and rates, and rounding of the per-rate sum: rules out fixes that
multiply by the quantity of the first line only or round each line separately."""
from datetime import date
from decimal import Decimal as D

from invoicing.invoice import Invoice, Line


def test_mixed_lines():
    inv = Invoice("x", date(2024, 5, 1), lines=[
        Line("A", D("9.99"), quantity=7),
        Line("B", D("0.50"), quantity=3, tax_rate=D("0.07")),
        Line("C", D("12.00"), quantity=2),
    ])
    assert inv.tax_by_rate() == {D("0.19"): D("17.85"), D("0.07"): D("0.10")}
    assert inv.gross_total() == D("113.38")


def test_rounding_of_sum_not_lines():
    inv = Invoice("y", date(2024, 5, 1), lines=[Line("p", D("0.13"), quantity=1, tax_rate=D("0.10"))] * 3)
    assert inv.tax_by_rate() == {D("0.10"): D("0.04")}


def test_summary_mentions_total():
    inv = Invoice("z", date(2024, 5, 1), lines=[Line("Hours", D("10.00"), quantity=2)])
    assert inv.summary().splitlines()[-1].endswith("23.80")
