from decimal import Decimal

from taxcalc import breakdown, effective_rate, marginal_rate, tax_owed, taxable_income


def test_taxable_income_after_deduction():
    assert taxable_income(50_000) == Decimal(35_400)
    assert taxable_income(10_000) == Decimal(0)


def test_no_tax_below_deduction():
    assert tax_owed(14_600) == Decimal("0.00")
    assert breakdown(9_000) == []


def test_marginal_rate():
    assert marginal_rate(11_600) == 10
    assert marginal_rate(11_601) == 12
    assert marginal_rate(1_000_000) == 37


def test_tax_in_first_two_brackets():
    # taxable 35,400: 10% of 11,600 plus 12% of 23,800
    assert tax_owed(50_000) == Decimal("4016.00")


def test_breakdown_lines():
    assert breakdown(30_000) == [(10, Decimal("1160.00")), (12, Decimal("456.00"))]


def test_effective_rate():
    assert effective_rate(50_000) == Decimal("8.03")
