"""Deterministic k-means clustering of small point sets."""

from clusters.kmeans import Clustering, assign, kmeans, nearest
from clusters.vectors import distance, mean

__all__ = ["Clustering", "assign", "distance", "kmeans", "mean", "nearest"]
