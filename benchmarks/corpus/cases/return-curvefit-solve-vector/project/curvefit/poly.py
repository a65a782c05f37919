"""Polynomials with coefficients in increasing order of power."""

from __future__ import annotations

from typing import Sequence


class Polynomial:
    def __init__(self, coeffs: Sequence[float]) -> None:
        coeffs = [float(c) for c in coeffs]
        while len(coeffs) > 1 and coeffs[-1] == 0:
            coeffs.pop()
        self.coeffs = coeffs or [0.0]

    @property
    def degree(self) -> int:
        return len(self.coeffs) - 1

    def __call__(self, x: float) -> float:
        result = 0.0
        for c in reversed(self.coeffs):
            result = result * x + c
        return result

    def derivative(self) -> Polynomial:
        return Polynomial([i * c for i, c in enumerate(self.coeffs)][1:] or [0.0])

    def __repr__(self) -> str:
        return f"Polynomial({self.coeffs})"
