import pytest

from racetimes import Results, summarize


def test_slowest_first_input():
    s = summarize([3000, 2500, 2000, 1500, 1000])
    assert (s.fastest, s.slowest, s.median) == (1000, 3000, 2000)
    assert (s.lower_quartile, s.upper_quartile) == (1500, 2500)


def test_quartiles_of_shuffled_times():
    s = summarize([40, 10, 30, 20])
    assert s.lower_quartile == pytest.approx(17.5)
    assert s.median == pytest.approx(25)
    assert s.upper_quartile == pytest.approx(32.5)


def test_summary_does_not_reorder_entries():
    results = Results()
    results.record(1, "a", "50:00")
    results.record(2, "b", "40:00")
    results.record(3, "c", "45:00")
    assert results.summary().fastest == 2400
    assert [f.bib for f in results.entries()] == [1, 2, 3]


def test_generator_of_times():
    s = summarize(t for t in (300, 100, 200))
    assert (s.finishers, s.fastest, s.median, s.slowest) == (3, 100, 200, 300)
