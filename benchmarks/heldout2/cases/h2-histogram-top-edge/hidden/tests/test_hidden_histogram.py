"""Values exactly on hi with an explicit range, several maxima, one bin, and all-equal
data: every in-range value is counted exactly once. Rules out dropping the maximum
or adding a phantom extra bin."""
from stats.histogram import histogram


def test_value_on_explicit_hi():
    counts, _ = histogram([0, 5, 10], bins=2, lo=0, hi=10)
    assert counts == [1, 2]


def test_many_maxima_and_one_bin():
    assert histogram([3, 9, 9, 9], bins=3)[0] == [1, 0, 3]
    assert histogram([1, 2, 3], bins=1)[0] == [3]


def test_all_equal_values():
    counts, _ = histogram([4, 4, 4], bins=5)
    assert sum(counts) == 3 and len(counts) == 5


def test_counts_sum():
    values = [i * 0.37 for i in range(100)]
    counts, _ = histogram(values, bins=7)
    assert sum(counts) == 100 and len(counts) == 7
