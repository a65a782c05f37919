"""Brute force over random coin systems, many with coins larger than the amount:
rules out patches that only filter coins when *all* are too large, or clamp the index."""
import functools
import random

from change import min_coins


def ref(coins, amount):
    @functools.lru_cache(maxsize=None)
    def f(a):
        if a == 0:
            return 0
        opts = [f(a - c) + 1 for c in coins if c <= a and f(a - c) >= 0]
        return min(opts) if opts else -1
    return f(amount)


def test_only_large_coins():
    assert min_coins([5], 3) == -1
    assert min_coins([4, 7], 2) == -1


def test_random_systems():
    rng = random.Random(8)
    for _ in range(200):
        coins = tuple(sorted(set(rng.randint(1, 30) for _ in range(rng.randint(1, 4)))))
        amount = rng.randint(0, 25)
        assert min_coins(coins, amount) == ref(coins, amount), (coins, amount)
