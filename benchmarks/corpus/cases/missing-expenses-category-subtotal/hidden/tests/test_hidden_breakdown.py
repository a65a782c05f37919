from datetime import date
from decimal import Decimal

from expenses import Claim, breakdown, statement

DAY = date(2024, 5, 2)


def test_subtotals_add_up_to_the_total():
    claim = Claim("c")
    for category, amount in [("travel", "20.00"), ("other", "3.50"), ("meals", "12.25"),
                             ("other", "1.50"), ("lodging", "99.00")]:
        claim.add(DAY, category, "x", amount)
    rows = breakdown(claim)
    assert [r.subtotal for r in rows] == [Decimal("99.00"), Decimal("12.25"),
                                          Decimal("5.00"), Decimal("20.00")]
    assert sum(r.subtotal for r in rows) == claim.total()


def test_statement_with_two_categories():
    claim = Claim("e.f")
    claim.add(DAY, "travel", "taxi", "25.00")
    claim.add(DAY, "meals", "breakfast", "9.50")
    assert statement(claim) == ("Expense claim: e.f\n"
                                "  meals      1       9.50\n"
                                "  travel     1      25.00\n"
                                "  total      2      34.50")


def test_empty_claim():
    assert breakdown(Claim("nobody")) == []
