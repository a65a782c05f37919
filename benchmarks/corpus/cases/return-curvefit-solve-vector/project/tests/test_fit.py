import pytest

from curvefit import Polynomial, SingularSystem, interpolate, polyfit, r_squared, solve


def test_polynomial_evaluation_and_derivative():
    p = Polynomial([1, -2, 3, 0])
    assert p.degree == 2
    assert p(2) == 9
    assert p.derivative().coeffs == [-2, 6]


def test_solve_diagonal_system():
    assert solve([[1, 0], [0, 1]], [3, -4]) == [3, -4]


def test_solve_general_system():
    assert solve([[2, 1], [1, 3]], [3, 5]) == pytest.approx([0.8, 1.4])


def test_singular_system():
    with pytest.raises(SingularSystem):
        solve([[1, 2], [2, 4]], [1, 2])


def test_interpolate_parabola():
    p = interpolate([0, 1, 2], [1, 2, 5])
    assert p.coeffs == pytest.approx([1, 0, 1])


def test_fit_line_to_noisy_points():
    xs, ys = [0, 1, 2, 3], [1.1, 2.9, 5.1, 6.9]
    line = polyfit(xs, ys, 1)
    assert line.coeffs == pytest.approx([1.06, 1.96])
    assert r_squared(line, xs, ys) > 0.99


def test_repeated_x_is_rejected():
    with pytest.raises(ValueError):
        interpolate([1, 1], [2, 3])
