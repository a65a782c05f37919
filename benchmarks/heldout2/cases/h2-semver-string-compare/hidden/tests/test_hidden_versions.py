"""parse() must return integers as documented, and ordering must be numeric in every
position: rules out padding tricks that work only for two-digit numbers."""
import random

from release.versions import compare, latest, parse


def test_parse_returns_ints():
    assert parse("v2.0.10") == (2, 0, 10)


def test_random_ordering():
    rng = random.Random(21)
    for _ in range(500):
        a = tuple(rng.choice([0, 1, 2, 9, 10, 11, 99, 100, 1000]) for _ in range(3))
        b = tuple(rng.choice([0, 1, 2, 9, 10, 11, 99, 100, 1000]) for _ in range(3))
        sa, sb = ".".join(map(str, a)), ".".join(map(str, b))
        assert compare(sa, sb) == (a > b) - (a < b)


def test_latest_with_big_patch():
    assert latest(["0.0.999", "0.0.1000", "0.0.99"]) == "0.0.1000"
