"""Least-squares straight-line fit through the normal equations."""

from __future__ import annotations

from typing import Sequence

from linalg.matrix import Matrix


def fit_line(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float]:
    """Slope and intercept of the line that best fits the points."""
    if len(xs) != len(ys) or len(xs) < 2:
        raise ValueError("need at least two points, as many x as y")
    design = Matrix([[x, 1.0] for x in xs])
    target = Matrix([[y] for y in ys])
    normal = design.transpose() @ design
    moment = design.transpose() @ target
    slope, intercept = normal.solve2([moment[0, 0], moment[1, 0]])
    return slope, intercept
