from datetime import date
from decimal import Decimal

import pytest

from expenses import Claim, breakdown, statement, violations

D1, D2 = date(2024, 4, 8), date(2024, 4, 9)


def trip():
    claim = Claim("j.doe")
    claim.add(D1, "travel", "train", "89.90")
    claim.add(D1, "meals", "dinner", "42.50")
    claim.add(D1, "lodging", "hotel", "150.00")
    claim.add(D2, "meals", "lunch", "18.00")
    claim.add(D2, "meals", "dinner", "47.00")
    return claim


def test_total():
    assert trip().total() == Decimal("347.40")


def test_invalid_items():
    with pytest.raises(ValueError):
        Claim("x").add(D1, "golf", "green fee", "50")
    with pytest.raises(ValueError):
        Claim("x").add(D1, "meals", "refund", "-5")


def test_daily_limit_violations():
    assert violations(trip()) == [(D2, "meals", Decimal("5.00"))]


def test_breakdown_categories_alphabetical():
    assert [row.category for row in breakdown(trip())] == ["lodging", "meals", "travel"]


def test_breakdown_subtotals():
    rows = {row.category: (row.items, row.subtotal) for row in breakdown(trip())}
    assert rows == {"lodging": (1, Decimal("150.00")), "meals": (3, Decimal("107.50")),
                    "travel": (1, Decimal("89.90"))}


def test_statement_single_category():
    claim = Claim("a.b")
    claim.add(D1, "mileage", "client visit", "31.20")
    assert statement(claim) == ("Expense claim: a.b\n"
                                "  mileage    1      31.20\n"
                                "  total      1      31.20")
