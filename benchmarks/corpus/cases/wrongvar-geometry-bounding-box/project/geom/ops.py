"""Operations on collections of points and rectangles."""

from __future__ import annotations

from typing import Iterable

from geom.shapes import Point, Rect


def bounding_box(points: Iterable[Point]) -> Rect:
    """The smallest rectangle containing every point."""
    pts = list(points)
    if not pts:
        raise ValueError("bounding_box() needs at least one point")
    min_x = min(p.x for p in pts)
    max_x = max(p.x for p in pts)
    min_y = min(p.y for p in pts)
    max_y = max(p.y for p in pts)
    width = max_x - min_x
    height = max_y - min_y
    return Rect(min_x, min_y, height, width)


def union(rects: Iterable[Rect]) -> Rect:
    """The smallest rectangle covering all the given rectangles."""
    corners = [c for r in rects for c in r.corners()]
    if not corners:
        raise ValueError("union() needs at least one rectangle")
    return bounding_box(corners)


def intersection(a: Rect, b: Rect) -> Rect | None:
    """The overlapping part of two rectangles, or None when they do not overlap."""
    if not a.intersects(b):
        return None
    left, bottom = max(a.x, b.x), max(a.y, b.y)
    right, top = min(a.right, b.right), min(a.top, b.top)
    return Rect(left, bottom, right - left, top - bottom)
