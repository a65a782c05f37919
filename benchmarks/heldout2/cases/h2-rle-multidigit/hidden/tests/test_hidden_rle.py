"""Counts of three digits and runs of exactly 10: rules out patches that only handle
two-digit counts or strip a leading '1'."""
import random

from rle import DecodeError, decode, encode


def test_three_digit_count():
    assert decode("100z1y") == "z" * 100 + "y"


def test_count_with_zero_digit():
    assert decode("10a") == "a" * 10
    assert decode("20b3c") == "b" * 20 + "ccc"


def test_random_roundtrips():
    rng = random.Random(4)
    for _ in range(100):
        text = "".join(rng.choice("ab ") * rng.randint(1, 30) for _ in range(rng.randint(0, 6)))
        assert decode(encode(text)) == text


def test_zero_count_still_rejected():
    import pytest

    with pytest.raises(DecodeError):
        decode("0a")
