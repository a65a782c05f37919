import pytest

from intmath import grid_shape, is_square, isqrt, squares_between


def test_small_values():
    assert [isqrt(n) for n in (0, 1, 2, 4, 5, 10)] == [0, 1, 1, 2, 2, 3]


def test_perfect_squares():
    assert isqrt(10 ** 20) == 10 ** 10
    assert is_square(144)


def test_negative():
    with pytest.raises(ValueError):
        isqrt(-1)


def test_squares_between():
    assert list(squares_between(10, 50)) == [16, 25, 36, 49]


def test_one_below_a_square():
    assert isqrt(15) == 3


def test_grid_shape():
    assert grid_shape(10) == (3, 4)
