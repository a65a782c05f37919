import pytest

from linalg import Matrix, ShapeError, fit_line


def test_square_product():
    a = Matrix([[1, 2], [3, 4]])
    b = Matrix([[0, 1], [1, 0]])
    assert a @ b == Matrix([[2, 1], [4, 3]])


def test_identity_is_neutral():
    a = Matrix([[2, -1, 0], [0, 3, 5], [1, 1, 1]])
    assert a @ Matrix.identity(3) == a


def test_square_transpose():
    assert Matrix([[1, 2], [3, 4]]).transpose() == Matrix([[1, 3], [2, 4]])


def test_ragged_rows_rejected():
    with pytest.raises(ShapeError):
        Matrix([[1, 2], [3]])


def test_shape_mismatch_rejected():
    with pytest.raises(ShapeError):
        Matrix([[1, 2, 3]]) @ Matrix([[1, 2]])


def test_transpose_of_row_vector():
    t = Matrix([[1, 2, 3]]).transpose()
    assert t.shape == (3, 1)
    assert t == Matrix([[1], [2], [3]])


def test_fit_line_through_points():
    slope, intercept = fit_line([0, 1, 2, 3], [1, 3, 5, 7])
    assert slope == pytest.approx(2.0)
    assert intercept == pytest.approx(1.0)
