"""Polynomials through or near a set of points."""

from __future__ import annotations

from typing import Sequence

from curvefit.linsys import solve
from curvefit.poly import Polynomial


def _check(xs: Sequence[float], ys: Sequence[float]) -> None:
    if len(xs) != len(ys):
        raise ValueError("xs and ys differ in length")
    if len(set(xs)) != len(xs):
        raise ValueError("x values must be distinct")


def interpolate(xs: Sequence[float], ys: Sequence[float]) -> Polynomial:
    """The polynomial of lowest degree passing exactly through every point."""
    _check(xs, ys)
    vandermonde = [[x ** p for p in range(len(xs))] for x in xs]
    return Polynomial(solve(vandermonde, ys))


def polyfit(xs: Sequence[float], ys: Sequence[float], degree: int) -> Polynomial:
    """The least-squares polynomial of the given degree (normal equations)."""
    _check(xs, ys)
    if not 0 <= degree < len(xs):
        raise ValueError("need more points than the degree")
    powers = range(degree + 1)
    normal = [[sum(x ** (i + j) for x in xs) for j in powers] for i in powers]
    rhs = [sum(y * x ** i for x, y in zip(xs, ys)) for i in powers]
    return Polynomial(solve(normal, rhs))


def r_squared(poly: Polynomial, xs: Sequence[float], ys: Sequence[float]) -> float:
    mean = sum(ys) / len(ys)
    total = sum((y - mean) ** 2 for y in ys)
    residual = sum((y - poly(x)) ** 2 for x, y in zip(xs, ys))
    return 1.0 - residual / total if total else 1.0
