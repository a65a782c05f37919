"""Lloyd's algorithm, seeded with the first k distinct points so runs are repeatable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from clusters.vectors import Vector, distance, mean


@dataclass(frozen=True)
class Clustering:
    centroids: list[Vector]
    labels: list[int]
    iterations: int

    def members(self, k: int, points: Sequence[Sequence[float]]) -> list[Vector]:
        return [tuple(p) for p, label in zip(points, self.labels) if label == k]


def nearest(point: Sequence[float], centroids: Sequence[Sequence[float]]) -> int:
    """The index of the centroid closest to ``point`` (the lowest index on a tie)."""
    if not centroids:
        raise ValueError("no centroids")
    best = min((distance(point, c), i) for i, c in enumerate(centroids))
    return best[0]


def assign(points: Sequence[Sequence[float]], centroids: Sequence[Sequence[float]]) -> list[int]:
    return [nearest(p, centroids) for p in points]


def _initial(points: Sequence[Sequence[float]], k: int) -> list[Vector]:
    seeds: list[Vector] = []
    for p in points:
        if tuple(p) not in seeds:
            seeds.append(tuple(p))
        if len(seeds) == k:
            return seeds
    raise ValueError(f"need at least {k} distinct points, got {len(seeds)}")


def kmeans(points: Sequence[Sequence[float]], k: int, max_iter: int = 100) -> Clustering:
    if k < 1:
        raise ValueError("k must be at least 1")
    centroids = _initial(points, k)
    labels: list[int] = []
    for iteration in range(1, max_iter + 1):
        new_labels = assign(points, centroids)
        groups: list[list[Sequence[float]]] = [[] for _ in centroids]
        for p, label in zip(points, new_labels):
            groups[label].append(p)
        centroids = [mean(g) if g else c for g, c in zip(groups, centroids)]
        if new_labels == labels:
            return Clustering(centroids, labels, iteration)
        labels = new_labels
    return Clustering(centroids, labels, max_iter)
