"""Per-day spending limits by category."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from expenses.claim import Claim

LIMITS = {"meals": Decimal("60.00"), "lodging": Decimal("180.00")}


def violations(claim: Claim) -> list[tuple[date, str, Decimal]]:
    """(day, category, amount over the limit) for every day a limit is exceeded."""
    spent: dict[tuple[date, str], Decimal] = defaultdict(Decimal)
    for item in claim.items:
        spent[item.day, item.category] += item.amount
    found = []
    for (day, category), amount in sorted(spent.items()):
        limit = LIMITS.get(category)
        if limit is not None and amount > limit:
            found.append((day, category, amount - limit))
    return found
