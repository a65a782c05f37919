import pytest

from curvefit import interpolate, polyfit, solve


def test_solution_satisfies_a_three_by_three_system():
    a = [[3, 2, -1], [2, -2, 4], [-1, 0.5, -1]]
    b = [1, -2, 0]
    x = solve(a, b)
    assert x == pytest.approx([1, -2, -2])
    assert [sum(r * v for r, v in zip(row, x)) for row in a] == pytest.approx(b)


def test_system_needing_a_row_swap():
    assert solve([[0, 2], [3, 1]], [4, 5]) == pytest.approx([1, 2])


def test_arguments_are_left_alone():
    a, b = [[1, 1], [1, -1]], [3, 1]
    assert solve(a, b) == pytest.approx([2, 1])
    assert a == [[1, 1], [1, -1]] and b == [3, 1]


def test_interpolant_passes_through_every_point():
    xs, ys = [-1, 0.5, 2, 3], [4, -1, 0, 7]
    p = interpolate(xs, ys)
    assert [p(x) for x in xs] == pytest.approx(ys)


def test_exact_quadratic_is_recovered_by_fitting():
    xs = [-2, -1, 0, 1, 2, 3]
    ys = [2 * x * x - 3 * x + 0.5 for x in xs]
    assert polyfit(xs, ys, 2).coeffs == pytest.approx([0.5, -3, 2])
