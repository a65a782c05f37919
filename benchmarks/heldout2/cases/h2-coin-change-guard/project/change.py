"""Making change with the fewest coins (dynamic programming)."""
from typing import Dict, List, Sequence


def min_coins(coins: Sequence[int], amount: int) -> int:
    """Fewest coins summing to amount, or -1 if it cannot be done."""
    if amount < 0:
        raise ValueError("amount must be >= 0")
    inf = float("inf")
    best = [0] + [inf] * amount
    for a in range(1, amount + 1):
        for c in coins:
            best[a] = min(best[a], best[a - c] + 1)
    return -1 if best[amount] == inf else int(best[amount])


def count_ways(coins: Sequence[int], amount: int) -> int:
    """Number of multisets of coins summing to amount."""
    ways = [1] + [0] * amount
    for c in coins:
        for a in range(c, amount + 1):
            ways[a] += ways[a - c]
    return ways[amount]


def greedy_change(coins: Sequence[int], amount: int) -> Dict[int, int]:
    """Largest-coin-first change; optimal only for canonical coin systems."""
    out: Dict[int, int] = {}
    for c in sorted(coins, reverse=True):
        n, amount = divmod(amount, c)
        if n:
            out[c] = n
    if amount:
        raise ValueError("cannot make exact change")
    return out


EURO_CENTS: List[int] = [1, 2, 5, 10, 20, 50, 100, 200]
