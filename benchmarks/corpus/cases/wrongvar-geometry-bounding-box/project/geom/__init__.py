"""Small 2-D geometry helpers for layout code."""

from geom.ops import bounding_box, intersection, union
from geom.shapes import Point, Rect

__all__ = ["Point", "Rect", "bounding_box", "intersection", "union"]
