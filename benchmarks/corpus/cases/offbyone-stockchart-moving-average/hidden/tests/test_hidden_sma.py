from datetime import date

from indicators import Close, Signal, crossovers, sma


def test_series_exactly_one_window_long():
    assert sma([3, 6, 9], 3) == [6.0]


def test_window_of_one_is_the_series():
    assert sma([4, 8, 15], 1) == [4.0, 8.0, 15.0]


def test_length_and_last_value():
    values = [float(v) for v in range(10)]
    result = sma(values, 4)
    assert len(result) == 7
    assert result[0] == 1.5
    assert result[-1] == 7.5


def test_short_series_gives_nothing():
    assert sma([], 2) == []
    assert sma([5], 2) == []


def test_buy_then_sell_with_wider_windows():
    prices = [10, 10, 10, 10, 14, 18, 18, 18, 18, 2]
    closes = [Close(date(2024, 5, d), p) for d, p in enumerate(prices, start=1)]
    assert crossovers(closes, fast=2, slow=4) == [
        Signal(date(2024, 5, 5), "buy"),
        Signal(date(2024, 5, 10), "sell"),
    ]
