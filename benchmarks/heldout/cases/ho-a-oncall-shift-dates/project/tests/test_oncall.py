from datetime import date

import pytest

from oncall import Shift, build_rotation, conflicts, load, who_is_on


def test_shift_cannot_end_before_start():
    with pytest.raises(ValueError):
        Shift("ana", date(2024, 3, 5), date(2024, 3, 4))


def test_single_day_shift():
    s = Shift("ana", date(2024, 3, 5), date(2024, 3, 5))
    assert s.days == 1
    assert s.covers(date(2024, 3, 5))


def test_rotation_is_back_to_back():
    shifts = build_rotation(["ana", "ben"], date(2024, 1, 1), 7, 4)
    assert [(s.person, s.start.day, s.end.day) for s in shifts] == [
        ("ana", 1, 7), ("ben", 8, 14), ("ana", 15, 21), ("ben", 22, 28)]
    assert conflicts(shifts) == []


def test_who_is_on_boundary_days():
    shifts = build_rotation(["ana", "ben"], date(2024, 1, 1), 7, 2)
    assert who_is_on(shifts, date(2024, 1, 7)) == ["ana"]
    assert who_is_on(shifts, date(2024, 1, 8)) == ["ben"]


def test_shared_boundary_day_is_a_conflict():
    a = Shift("ana", date(2024, 2, 1), date(2024, 2, 10))
    b = Shift("ben", date(2024, 2, 10), date(2024, 2, 20))
    assert conflicts([a, b]) == [(a, b)]


def test_load_of_weekly_rotation():
    shifts = build_rotation(["ana", "ben", "cy"], date(2024, 1, 1), 7, 3)
    assert load(shifts) == {"ana": 7, "ben": 7, "cy": 7}
