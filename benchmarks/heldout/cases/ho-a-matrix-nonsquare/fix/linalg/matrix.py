"""A row-major matrix of floats."""

from __future__ import annotations

from typing import Sequence


class ShapeError(ValueError):
    """Operands whose shapes do not fit together."""


class Matrix:
    def __init__(self, rows: Sequence[Sequence[float]]) -> None:
        if not rows or not rows[0]:
            raise ShapeError("a matrix needs at least one row and one column")
        width = len(rows[0])
        if any(len(r) != width for r in rows):
            raise ShapeError("all rows must have the same length")
        self.data = [list(map(float, r)) for r in rows]

    @classmethod
    def zeros(cls, rows: int, cols: int) -> "Matrix":
        return cls([[0.0] * cols for _ in range(rows)])

    @classmethod
    def identity(cls, n: int) -> "Matrix":
        m = cls.zeros(n, n)
        for i in range(n):
            m.data[i][i] = 1.0
        return m

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.data), len(self.data[0])

    def __getitem__(self, index: tuple[int, int]) -> float:
        r, c = index
        return self.data[r][c]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Matrix) and self.data == other.data

    def __repr__(self) -> str:
        return f"Matrix({self.data!r})"

    def transpose(self) -> "Matrix":
        rows, cols = self.shape
        out = Matrix.zeros(cols, rows)
        for r in range(rows):
            for c in range(cols):
                out.data[c][r] = self.data[r][c]
        return out

    def __add__(self, other: "Matrix") -> "Matrix":
        if self.shape != other.shape:
            raise ShapeError(f"cannot add {self.shape} and {other.shape}")
        return Matrix([[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(self.data, other.data)])

    def scale(self, k: float) -> "Matrix":
        return Matrix([[k * v for v in row] for row in self.data])

    def __matmul__(self, other: "Matrix") -> "Matrix":
        n, m = self.shape
        m2, p = other.shape
        if m != m2:
            raise ShapeError(f"cannot multiply {self.shape} by {other.shape}")
        out = Matrix.zeros(n, p)
        for i in range(n):
            for j in range(p):
                out.data[i][j] = sum(self.data[i][k] * other.data[k][j] for k in range(m))
        return out

    def solve2(self, rhs: Sequence[float]) -> tuple[float, float]:
        """Solve a 2x2 system ``self @ x = rhs`` by Cramer's rule."""
        if self.shape != (2, 2):
            raise ShapeError("solve2 needs a 2x2 matrix")
        (a, b), (c, d) = self.data
        det = a * d - b * c
        if det == 0:
            raise ZeroDivisionError("the matrix is singular")
        return (rhs[0] * d - b * rhs[1]) / det, (a * rhs[1] - rhs[0] * c) / det
