from geom import Point, Rect, bounding_box, union


def test_bounding_box_contains_every_point():
    pts = [Point(-2, 5), Point(10, 7), Point(4, 6.5)]
    box = bounding_box(pts)
    assert box == Rect(-2, 5, 12, 2)
    assert all(box.contains(p) for p in pts)


def test_bounding_box_of_tall_points():
    box = bounding_box([Point(1, 0), Point(2, 9)])
    assert (box.x, box.y, box.width, box.height) == (1, 0, 1, 9)
    assert box.top == 9 and box.right == 2


def test_union_covers_rects_of_different_shapes():
    u = union([Rect(0, 0, 8, 1), Rect(1, 2, 1, 3)])
    assert (u.width, u.height) == (8, 5)
    assert u.center == Point(4, 2.5)


def test_single_point_box_is_degenerate():
    assert bounding_box([Point(3, 4)]) == Rect(3, 4, 0, 0)
