"""Compared with math.isqrt on every n below 3000 and on big numbers: rules out
patches that stop on |x - y| <= 1 and return the wrong neighbour."""
import math

from intmath import grid_shape, isqrt


def test_against_math_isqrt():
    for n in range(3000):
        assert isqrt(n) == math.isqrt(n), n


def test_big_numbers():
    for k in (10 ** 12, 2 ** 70, 3 ** 45):
        for n in (k * k - 1, k * k, k * k + 1):
            assert isqrt(n) == math.isqrt(n)


def test_grid_shapes():
    assert grid_shape(3) == (2, 2)
    assert grid_shape(8) == (3, 3)
