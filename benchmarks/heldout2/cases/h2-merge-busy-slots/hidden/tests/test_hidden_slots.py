"""Compared with a minute-by-minute model on random calendars: rules out patches
that only handle an interval nested directly after its container."""
import random

from calendar_tools.slots import free_slots, merge_intervals


def covered(intervals):
    return {m for s, e in intervals for m in range(s, e)}


def test_random_against_minute_set():
    rng = random.Random(12)
    for _ in range(200):
        ivs = []
        for _ in range(rng.randint(0, 6)):
            s = rng.randint(0, 100)
            ivs.append((s, s + rng.randint(1, 40)))
        merged = merge_intervals(ivs)
        assert covered(merged) == covered(ivs)
        assert all(a[1] < b[0] for a, b in zip(merged, merged[1:]))


def test_several_nested():
    assert merge_intervals([(0, 100), (10, 20), (30, 40), (90, 95)]) == [(0, 100)]
    assert free_slots([(0, 100), (10, 20)], 0, 200) == [(100, 200)]
