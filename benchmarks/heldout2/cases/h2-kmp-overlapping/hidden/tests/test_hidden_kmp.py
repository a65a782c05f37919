"""Brute force on random strings over a two-letter alphabet: rules out `k -= 1` style
patches that happen to work for runs of a single letter."""
import random

from textsearch import count, find_all


def brute(text, pattern):
    return [i for i in range(len(text) - len(pattern) + 1) if text.startswith(pattern, i)]


def test_periodic_pattern():
    assert find_all("abababab", "abab") == [0, 2, 4]
    assert count("aabaabaab", "aabaab") == 2


def test_random_against_brute_force():
    rng = random.Random(2)
    for _ in range(400):
        text = "".join(rng.choice("ab") for _ in range(rng.randint(0, 25)))
        pattern = "".join(rng.choice("ab") for _ in range(rng.randint(1, 5)))
        assert find_all(text, pattern) == brute(text, pattern), (text, pattern)
