from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from expenses.claim import Claim


@dataclass(frozen=True)
class CategoryTotal:
    category: str
    items: int
    subtotal: Decimal


def breakdown(claim: Claim) -> list[CategoryTotal]:
    """Subtotal and number of items per category, categories in alphabetical order."""
    totals: list[CategoryTotal] = []
    category: str | None = None
    subtotal = Decimal("0")
    count = 0
    for item in sorted(claim.items, key=lambda i: i.category):
        if category is not None and item.category != category:
            totals.append(CategoryTotal(category, count, subtotal))
            count = 0
        category = item.category
        subtotal += item.amount
        count += 1
    if category is not None:
        totals.append(CategoryTotal(category, count, subtotal))
    return totals


def statement(claim: Claim) -> str:
    lines = [f"Expense claim: {claim.employee}"]
    for row in breakdown(claim):
        lines.append(f"  {row.category:<8} {row.items:>3} {row.subtotal:>10.2f}")
    lines.append(f"  {'total':<8} {len(claim.items):>3} {claim.total():>10.2f}")
    return "\n".join(lines)
