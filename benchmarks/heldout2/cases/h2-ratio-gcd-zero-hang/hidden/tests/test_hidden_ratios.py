"""gcd with a zero on either side, and agreement with math.gcd: rules out patches that
only special-case a zero numerator inside reduce()."""
import math

from media.ratios import gcd, reduce


def test_gcd_with_zero():
    assert gcd(0, 7) == 7
    assert gcd(9, 0) == 9
    assert gcd(0, 0) == 0


def test_against_math_gcd():
    for a in range(-30, 31):
        for b in range(-30, 31):
            assert gcd(a, b) == math.gcd(a, b), (a, b)


def test_reduce_zero_negative_den():
    assert reduce(0, -4) == (0, 1)
