from calendar_tools.slots import free_slots, hhmm, merge_intervals


def test_disjoint_stay_apart():
    assert merge_intervals([(60, 90), (10, 20)]) == [(10, 20), (60, 90)]


def test_overlapping_chain():
    assert merge_intervals([(1, 5), (4, 8), (7, 10)]) == [(1, 10)]


def test_touching_are_merged():
    assert merge_intervals([(1, 3), (3, 6)]) == [(1, 6)]


def test_nested_meeting():
    assert merge_intervals([(540, 720), (600, 630)]) == [(540, 720)]


def test_free_slots_with_nested_meeting():
    busy = [(540, 720), (600, 630), (780, 840)]
    assert free_slots(busy, 480, 1020, min_length=30) == [(480, 540), (720, 780), (840, 1020)]


def test_hhmm():
    assert hhmm(545) == "09:05"
