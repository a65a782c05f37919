from __future__ import annotations

from collections import defaultdict

from statements.records import Transaction


def balances(transactions: list[Transaction]) -> dict[str, int]:
    """Net movement in cents per account."""
    totals: dict[str, int] = defaultdict(int)
    for t in transactions:
        totals[t.account] += t.cents
    return dict(sorted(totals.items()))


def largest(transactions: list[Transaction], n: int = 3) -> list[Transaction]:
    """The ``n`` largest movements by size, debits and credits alike."""
    return sorted(transactions, key=lambda t: abs(t.cents), reverse=True)[:n]
