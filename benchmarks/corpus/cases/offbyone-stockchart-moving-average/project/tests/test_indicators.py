from datetime import date

import pytest

from indicators import Close, Signal, crossovers, ema, parse_closes, sma


def series(prices):
    return [Close(date(2024, 3, d), p) for d, p in enumerate(prices, start=1)]


def test_parse_closes_sorts_and_skips_header():
    closes = parse_closes("date,close\n2024-03-05,101.5\n\n2024-03-04,100\n")
    assert [c.day.day for c in closes] == [4, 5]
    assert closes[1].price == 101.5


def test_parse_closes_reports_line():
    with pytest.raises(ValueError, match="line 2"):
        parse_closes("2024-03-04,100\n2024-03-05\n")


def test_sma():
    assert sma([1, 2, 3, 4], 2) == [1.5, 2.5, 3.5]


def test_sma_window_longer_than_series():
    assert sma([1, 2], 3) == []


def test_ema():
    assert ema([10, 20, 20], 3) == [10, 15, 17.5]


def test_crossover_in_middle():
    closes = series([10, 10, 10, 16, 16, 16, 16])
    assert crossovers(closes, fast=1, slow=3) == [Signal(date(2024, 3, 4), "buy")]


def test_crossover_on_latest_close():
    closes = series([20, 20, 20, 20, 8])
    assert crossovers(closes, fast=1, slow=3) == [Signal(date(2024, 3, 5), "sell")]
