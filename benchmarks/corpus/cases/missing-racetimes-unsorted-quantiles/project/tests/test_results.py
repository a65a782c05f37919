import pytest

from racetimes import Results, format_time, parse_time, quantile, summarize


def test_parse_and_format():
    assert parse_time("1:02:03") == 3723
    assert parse_time("45:10") == 2710
    assert format_time(3723) == "1:02:03"
    with pytest.raises(ValueError):
        parse_time("1:75:00")


def test_quantile_interpolates():
    assert quantile([10, 20, 30, 40], 0.5) == 25
    assert quantile([10, 20, 30, 40], 0) == 10
    assert quantile([10, 20, 30, 40], 1) == 40


def test_placings_fastest_first():
    results = Results()
    results.record(7, "Kim", "41:00")
    results.record(3, "Lee", "39:30")
    results.record(5, "Max", "41:00")
    assert [f.bib for f in results.placings()] == [3, 5, 7]


def test_duplicate_bib_rejected():
    results = Results()
    results.record(1, "Ann", "30:00")
    with pytest.raises(ValueError):
        results.record(1, "Ann", "31:00")


def test_summary_of_times_in_finishing_order():
    s = summarize([1800, 1900, 2000, 2600])
    assert (s.fastest, s.slowest, s.median) == (1800, 2600, 1950)


def test_summary_as_recorded_at_the_desk():
    results = Results()
    for bib, time in [(12, "52:10"), (4, "38:45"), (9, "44:00"), (2, "1:05:30"), (6, "47:20")]:
        results.record(bib, f"runner {bib}", time)
    assert results.summary().describe() == (
        "5 finishers, fastest 0:38:45, median 0:47:20, slowest 1:05:30")
