"""Compare against sorted() on many inputs: a fix that only patches the visible cases
(or drops elements differently) fails here."""
import random

from sorting import merge, merge_sort, sort_records


def test_matches_sorted_on_random_lists():
    rng = random.Random(7)
    for n in range(0, 40):
        data = [rng.randint(-20, 20) for _ in range(n)]
        assert merge_sort(data) == sorted(data)
        assert merge_sort(data, reverse=True) == sorted(data, reverse=True)


def test_merge_keeps_both_tails():
    assert merge([1, 2], [3, 4, 5]) == [1, 2, 3, 4, 5]
    assert merge([4, 5], [1, 2, 3]) == [1, 2, 3, 4, 5]
    assert merge([], [1]) == [1]


def test_stability_random():
    rng = random.Random(3)
    data = [(rng.randint(0, 4), i) for i in range(60)]
    assert merge_sort(data, key=lambda p: p[0]) == sorted(data, key=lambda p: p[0])


def test_sort_records_descending():
    rows = [{"n": "a", "v": 1}, {"n": "b", "v": 3}, {"n": "c", "v": 2}]
    assert [r["n"] for r in sort_records(rows, "v", descending=True)] == ["b", "c", "a"]
