from datetime import date

from oncall import Shift, build_rotation, conflicts, load


def test_days_across_month_end():
    assert Shift("x", date(2024, 2, 27), date(2024, 3, 2)).days == 5


def test_load_counts_every_day_on_call():
    shifts = build_rotation(["ana", "ben"], date(2024, 1, 1), 3, 5)
    assert load(shifts) == {"ana": 9, "ben": 6}


def test_single_day_inside_another_shift():
    week = Shift("ana", date(2024, 4, 1), date(2024, 4, 7))
    cover = Shift("ben", date(2024, 4, 7), date(2024, 4, 7))
    assert week.overlaps(cover) and cover.overlaps(week)


def test_two_single_day_shifts_same_day():
    a = Shift("ana", date(2024, 4, 3), date(2024, 4, 3))
    b = Shift("ben", date(2024, 4, 3), date(2024, 4, 3))
    assert conflicts([a, b]) == [(a, b)]


def test_adjacent_days_do_not_overlap():
    a = Shift("ana", date(2024, 4, 1), date(2024, 4, 3))
    b = Shift("ben", date(2024, 4, 4), date(2024, 4, 6))
    assert not a.overlaps(b) and not b.overlaps(a)
