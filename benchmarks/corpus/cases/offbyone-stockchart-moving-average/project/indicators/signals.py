"""Crossovers between a fast and a slow moving average."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from indicators.averages import sma
from indicators.prices import Close


@dataclass(frozen=True)
class Signal:
    day: date
    kind: str  # "buy" when the fast average crosses above the slow one, "sell" below


def crossovers(closes: list[Close], fast: int, slow: int) -> list[Signal]:
    if not 0 < fast < slow:
        raise ValueError("need 0 < fast < slow")
    prices = [c.price for c in closes]
    slow_avg = sma(prices, slow)
    fast_avg = sma(prices, fast)[slow - fast:]  # align both on the same closing days
    signals = []
    for i in range(1, min(len(fast_avg), len(slow_avg))):
        before = fast_avg[i - 1] - slow_avg[i - 1]
        after = fast_avg[i] - slow_avg[i]
        day = closes[i + slow - 1].day
        if before <= 0 < after:
            signals.append(Signal(day, "buy"))
        elif before >= 0 > after:
            signals.append(Signal(day, "sell"))
    return signals
