"""Every quantity around both thresholds: rules out fixes that move only one
threshold or shift both by one in the wrong direction."""
from decimal import Decimal

from billing.pricing import bulk_rate


def test_table():
    expected = {1: "0", 49: "0", 50: "0.05", 51: "0.05", 99: "0.05", 100: "0.10", 101: "0.10"}
    for qty, rate in expected.items():
        assert bulk_rate(qty) == Decimal(rate), qty


def test_every_quantity():
    for qty in range(1, 300):
        want = Decimal("0.10") if qty >= 100 else Decimal("0.05") if qty >= 50 else Decimal("0")
        assert bulk_rate(qty) == want
