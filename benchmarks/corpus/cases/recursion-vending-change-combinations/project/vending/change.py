"""Combinatorics of paying amounts with coins."""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence


def count_ways(amount: int, coins: Sequence[int]) -> int:
    """How many different collections of coins add up to ``amount``.

    Any coin value may be used as many times as needed; collections that differ
    only in order count once. Paying 0 has exactly one way (no coins).
    """
    if amount < 0:
        raise ValueError("amount cannot be negative")
    values = tuple(sorted(set(coins), reverse=True))

    @lru_cache(maxsize=None)
    def ways(rest: int, options: tuple[int, ...]) -> int:
        if rest == 0:
            return 1
        if rest < 0 or not options:
            return 0
        first = options[0]
        return ways(rest - first, options[1:]) + ways(rest, options[1:])

    return ways(amount, values)


def fewest_coins(amount: int, available: dict[int, int]) -> dict[int, int] | None:
    """The smallest handful of coins from ``available`` (value -> how many) that makes
    ``amount`` exactly, as value -> count; None if it cannot be done."""
    if amount < 0:
        raise ValueError("amount cannot be negative")
    best: list[dict[int, int] | None] = [None] * (amount + 1)
    best[0] = {}
    for value, stock in sorted(available.items()):
        for _ in range(stock):
            for total in range(amount, value - 1, -1):
                prev = best[total - value]
                if prev is None:
                    continue
                candidate = dict(prev)
                candidate[value] = candidate.get(value, 0) + 1
                current = best[total]
                if current is None or sum(candidate.values()) < sum(current.values()):
                    best[total] = candidate
    return best[amount]
