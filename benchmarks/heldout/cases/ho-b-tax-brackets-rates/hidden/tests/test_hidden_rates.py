from decimal import Decimal

from taxcalc import Bracket, breakdown, tax_owed


def test_high_income_reaches_top_bracket():
    # taxable 685,400
    assert tax_owed(700_000) == Decimal("211785.75")


def test_breakdown_sums_to_total():
    lines = breakdown(123_456.78)
    assert [rate for rate, _ in lines] == [10, 12, 22, 24]
    assert sum(amount for _, amount in lines) == tax_owed("123456.78")


def test_custom_table_and_cents():
    table = (Bracket(0, 1_000, 5), Bracket(1_000, None, 15))
    assert tax_owed("1333.33", table, deduction=Decimal(0)) == Decimal("100.00")
    assert breakdown("1333.33", table, deduction=Decimal(0)) == [
        (5, Decimal("50.00")), (15, Decimal("50.00"))]


def test_flat_rate_table():
    assert tax_owed(1_000, (Bracket(0, None, 12),), deduction=Decimal(0)) == Decimal("120.00")
