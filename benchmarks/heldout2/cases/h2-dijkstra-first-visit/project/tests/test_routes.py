from routing.graph import RoadMap


def make_line():
    m = RoadMap()
    m.add_road("a", "b", 2)
    m.add_road("b", "c", 3)
    m.add_road("c", "d", 1)
    return m


def test_line_distances():
    dist, _ = make_line().distances_from("a")
    assert dist == {"a": 0, "b": 2, "c": 5, "d": 6}


def test_unreachable_place():
    m = make_line()
    m.add_road("x", "y", 1)
    assert m.route("a", "y") is None


def test_one_way_road():
    m = RoadMap()
    m.add_road("a", "b", 4, one_way=True)
    assert m.route("a", "b") == (4, ["a", "b"])
    assert m.route("b", "a") is None


def test_detour_is_shorter_than_direct_road():
    m = RoadMap()
    m.add_road("home", "work", 10)
    m.add_road("home", "shop", 3)
    m.add_road("shop", "work", 4)
    assert m.route("home", "work") == (7, ["home", "shop", "work"])


def test_negative_distance_rejected():
    import pytest

    with pytest.raises(ValueError):
        RoadMap().add_road("a", "b", -1)
