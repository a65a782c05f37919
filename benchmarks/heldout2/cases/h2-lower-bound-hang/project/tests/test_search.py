from timeline.events import Timeline
from timeline.search import contains, lower_bound, upper_bound


def test_empty_list():
    assert lower_bound([], 5) == 0
    assert upper_bound([], 5) == 0


def test_target_before_everything():
    assert lower_bound([10, 20, 30], 1) == 0
    assert lower_bound([10, 20, 30], 10) == 0


def test_upper_bound_with_duplicates():
    assert upper_bound([1, 2, 2, 2, 3], 2) == 4


def test_lower_bound_in_the_middle():
    assert lower_bound([1, 3, 5, 7, 9], 6) == 3


def test_timeline_window():
    t = Timeline()
    for at, name in [(5, "b"), (1, "a"), (9, "d"), (7, "c")]:
        t.add(at, name)
    assert t.between(4, 8) == ["b", "c"]


def test_contains_first_element():
    assert contains([2, 4, 6], 2)
    assert not contains([2, 4, 6], 1)
