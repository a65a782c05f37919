"""Compare with the bisect module: rules out fixes that terminate but return the
wrong index (e.g. the rightmost instead of the leftmost duplicate)."""
import bisect

from timeline.events import Timeline
from timeline.search import contains, lower_bound


def test_matches_bisect_left():
    data = [1, 2, 2, 2, 5, 8, 8, 13]
    for target in range(0, 16):
        assert lower_bound(data, target) == bisect.bisect_left(data, target)


def test_target_after_everything():
    assert lower_bound([1, 2, 3], 10) == 3


def test_contains_all():
    data = list(range(0, 50, 3))
    for x in range(-2, 55):
        assert contains(data, x) == (x in data)


def test_timeline_between_inclusive_start():
    t = Timeline()
    for at in [3, 3, 4, 8]:
        t.add(at, f"e{at}")
    assert t.between(3, 8) == ["e3", "e3", "e4"]
