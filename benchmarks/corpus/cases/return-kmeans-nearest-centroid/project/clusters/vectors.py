"""Points as tuples of floats."""

from __future__ import annotations

import math
from typing import Sequence

Vector = tuple[float, ...]


def distance(a: Sequence[float], b: Sequence[float]) -> float:
    if len(a) != len(b):
        raise ValueError("points of different dimensions")
    return math.dist(a, b)


def mean(points: Sequence[Sequence[float]]) -> Vector:
    if not points:
        raise ValueError("mean of no points")
    n = len(points)
    return tuple(sum(coords) / n for coords in zip(*points))
