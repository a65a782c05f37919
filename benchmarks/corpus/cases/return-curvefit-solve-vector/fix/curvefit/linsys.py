"""Square linear systems by Gaussian elimination with partial pivoting."""

from __future__ import annotations

from typing import Sequence

EPS = 1e-12


class SingularSystem(ArithmeticError):
    pass


def solve(a: Sequence[Sequence[float]], b: Sequence[float]) -> list[float]:
    """The vector x with a·x = b; neither argument is modified."""
    n = len(a)
    if any(len(row) != n for row in a) or len(b) != n:
        raise ValueError("the system must be square and match the right-hand side")
    rows = [[float(v) for v in row] for row in a]
    rhs = [float(v) for v in b]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        if abs(rows[pivot][col]) < EPS:
            raise SingularSystem("the system has no unique solution")
        rows[col], rows[pivot] = rows[pivot], rows[col]
        rhs[col], rhs[pivot] = rhs[pivot], rhs[col]
        for r in range(col + 1, n):
            factor = rows[r][col] / rows[col][col]
            for c in range(col, n):
                rows[r][c] -= factor * rows[col][c]
            rhs[r] -= factor * rhs[col]
    x = [0.0] * n
    for i in reversed(range(n)):
        known = sum(rows[i][j] * x[j] for j in range(i + 1, n))
        x[i] = (rhs[i] - known) / rows[i][i]
    return x
