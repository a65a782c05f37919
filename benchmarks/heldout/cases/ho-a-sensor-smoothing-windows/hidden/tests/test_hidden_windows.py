from smoothing import Reading, median_filter, moving_average, smooth_series


def test_window_equal_to_length_gives_one_value():
    assert moving_average([2.0, 4.0, 6.0], 3) == [4.0]


def test_median_removes_spike_and_keeps_length():
    out = median_filter([1.0, 1.0, 9.0, 1.0, 1.0, 2.0], 3)
    assert out == [1.0, 1.0, 1.0, 1.0]


def test_every_result_uses_a_full_window():
    values = [float(v) for v in range(10)]
    out = moving_average(values, 4)
    assert len(out) == 7
    assert out[-1] == (6 + 7 + 8 + 9) / 4


def test_median_series_ends_at_last_reading():
    rows = [Reading(t * 10, v) for t, v in enumerate([5.0, 1.0, 3.0, 2.0])]
    out = smooth_series(rows, 2, method="median")
    assert [r.timestamp for r in out] == [10, 20, 30]
    assert out[-1].value == 2.5
