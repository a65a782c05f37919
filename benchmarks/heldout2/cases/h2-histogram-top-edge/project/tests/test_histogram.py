import pytest

from stats.histogram import histogram, render


def test_explicit_range():
    counts, edges = histogram([1, 2, 2, 3, 7], bins=4, lo=0, hi=8)
    assert counts == [1, 3, 0, 1]
    assert edges == [0, 2, 4, 6, 8]


def test_out_of_range_ignored():
    counts, _ = histogram([-5, 1, 50], bins=2, lo=0, hi=10)
    assert counts == [1, 0]


def test_no_bins():
    with pytest.raises(ValueError):
        histogram([1], bins=0)


def test_render():
    text = render([1, 2], [0.0, 5.0, 10.0], width=4)
    assert text.splitlines()[1] == "     5.0 -     10.0 | #### 2"


def test_range_from_data():
    counts, edges = histogram([10, 20, 30, 40], bins=3)
    assert counts == [1, 1, 2]
    assert edges[0] == 10 and edges[-1] == 40
