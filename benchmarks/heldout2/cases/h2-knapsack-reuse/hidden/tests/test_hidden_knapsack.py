"""Brute force over all subsets: rules out patches that cap each item's use some
other way (e.g. only skipping the item when weight*2 <= capacity)."""
import itertools
import random

from packing.knapsack import Item, best_value, choose


def brute(items, cap):
    best = 0
    for r in range(len(items) + 1):
        for combo in itertools.combinations(items, r):
            if sum(i.weight for i in combo) <= cap:
                best = max(best, sum(i.value for i in combo))
    return best


def test_random_against_brute_force():
    rng = random.Random(6)
    for _ in range(150):
        items = [Item(f"i{k}", rng.randint(1, 8), rng.randint(1, 40)) for k in range(rng.randint(0, 7))]
        cap = rng.randint(0, 20)
        assert best_value(items, cap) == brute(items, cap)
        assert best_value(items, cap) == choose(items, cap)[0]


def test_zero_capacity():
    assert best_value([Item("x", 1, 5)], 0) == 0
