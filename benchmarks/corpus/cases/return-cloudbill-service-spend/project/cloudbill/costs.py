"""Costs as Decimals rounded to whole cents."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


def parse_cost(text: str | int | Decimal) -> Decimal:
    """'$1,234.50', '0.004' and plain numbers, rounded to cents."""
    if isinstance(text, (int, Decimal)):
        return Decimal(text).quantize(CENT, ROUND_HALF_UP)
    s = text.strip().replace(",", "").removeprefix("$")
    try:
        return Decimal(s).quantize(CENT, ROUND_HALF_UP)
    except InvalidOperation:
        raise ValueError(f"not a cost: {text!r}") from None


def format_usd(amount: Decimal) -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"
