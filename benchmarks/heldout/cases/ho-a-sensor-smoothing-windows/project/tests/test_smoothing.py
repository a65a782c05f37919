import math

import pytest

from smoothing import Reading, clean, exponential, moving_average, smooth_series


def test_moving_average_values():
    assert moving_average([1.0, 2.0, 3.0, 4.0], 2) == [1.5, 2.5, 3.5]


def test_window_of_one_is_identity():
    assert moving_average([3.0, 1.0, 2.0], 1) == [3.0, 1.0, 2.0]


def test_window_longer_than_data():
    assert moving_average([1.0, 2.0], 5) == []


def test_bad_window():
    with pytest.raises(ValueError):
        moving_average([1.0], 0)


def test_exponential():
    assert exponential([10.0, 20.0, 20.0], 0.5) == [10.0, 15.0, 17.5]


def test_clean_drops_gaps_and_sorts():
    rows = [Reading(3, 1.0), Reading(1, None), Reading(2, math.nan), Reading(0, 4.0)]
    assert [r.timestamp for r in clean(rows)] == [0, 3]


def test_series_is_stamped_at_window_end():
    rows = [Reading(t, float(t)) for t in range(5)]
    out = smooth_series(rows, 3)
    assert [(r.timestamp, r.value) for r in out] == [(2, 1.0), (3, 2.0), (4, 3.0)]
