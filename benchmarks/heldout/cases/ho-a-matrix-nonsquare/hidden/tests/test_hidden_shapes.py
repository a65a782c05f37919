import pytest

from linalg import Matrix, fit_line


def test_wide_times_tall():
    a = Matrix([[1, 2, 3], [4, 5, 6]])
    b = Matrix([[7, 8], [9, 10], [11, 12]])
    assert a @ b == Matrix([[58, 64], [139, 154]])


def test_tall_times_wide():
    a = Matrix([[1], [2], [3]])
    b = Matrix([[4, 5]])
    assert a @ b == Matrix([[4, 5], [8, 10], [12, 15]])


def test_transpose_of_wide_matrix():
    t = Matrix([[1, 2, 3], [4, 5, 6]]).transpose()
    assert t == Matrix([[1, 4], [2, 5], [3, 6]])
    assert t.transpose() == Matrix([[1, 2, 3], [4, 5, 6]])


def test_gram_matrix_is_symmetric():
    a = Matrix([[1, 2], [0, 1], [3, -1]])
    g = a.transpose() @ a
    assert g == Matrix([[10, -1], [-1, 6]])


def test_noisy_fit():
    slope, intercept = fit_line([1, 2, 3, 4, 5], [2.1, 3.9, 6.2, 7.8, 10.1])
    assert slope == pytest.approx(1.99)
    assert intercept == pytest.approx(0.05)
