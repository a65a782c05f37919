import pytest

from geom import Point, Rect, bounding_box, intersection, union


def test_point_distance():
    assert Point(0, 0).distance_to(Point(3, 4)) == 5


def test_rect_contains_and_center():
    r = Rect(1, 1, 4, 2)
    assert r.contains(Point(5, 3))
    assert not r.contains(Point(3, 3.5))
    assert r.center == Point(3, 2)


def test_intersection_of_overlapping_rects():
    assert intersection(Rect(0, 0, 4, 4), Rect(2, 1, 6, 1)) == Rect(2, 1, 2, 1)
    assert intersection(Rect(0, 0, 1, 1), Rect(5, 5, 1, 1)) is None


def test_bounding_box_of_square_points():
    box = bounding_box([Point(1, 1), Point(3, 3), Point(2, 1.5)])
    assert box == Rect(1, 1, 2, 2)


def test_bounding_box_of_wide_points():
    box = bounding_box([Point(0, 0), Point(6, 1), Point(3, 2)])
    assert (box.width, box.height) == (6, 2)


def test_union_of_two_rects():
    assert union([Rect(0, 0, 2, 1), Rect(3, 0, 2, 1)]) == Rect(0, 0, 5, 1)


def test_bounding_box_needs_points():
    with pytest.raises(ValueError):
        bounding_box([])
