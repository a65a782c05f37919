"""Price-chart indicators: moving averages and crossover signals."""

from indicators.averages import ema, sma
from indicators.prices import Close, parse_closes
from indicators.signals import Signal, crossovers

__all__ = ["Close", "Signal", "crossovers", "ema", "parse_closes", "sma"]
