"""Known units: each has a dimension and a factor to that dimension's base unit."""

from __future__ import annotations

from dataclasses import dataclass


class IncompatibleUnits(ValueError):
    """Units of different dimensions (metres and seconds, say)."""


@dataclass(frozen=True)
class Unit:
    symbol: str
    dimension: str
    factor: float
    offset: float = 0.0


_UNITS = {
    u.symbol: u
    for u in [
        Unit("m", "length", 1.0),
        Unit("km", "length", 1000.0),
        Unit("cm", "length", 0.01),
        Unit("mm", "length", 0.001),
        Unit("ft", "length", 0.3048),
        Unit("mi", "length", 1609.344),
        Unit("kg", "mass", 1.0),
        Unit("g", "mass", 0.001),
        Unit("lb", "mass", 0.45359237),
        Unit("s", "time", 1.0),
        Unit("min", "time", 60.0),
        Unit("h", "time", 3600.0),
        Unit("K", "temperature", 1.0),
        Unit("degC", "temperature", 1.0, 273.15),
        Unit("degF", "temperature", 5 / 9, 273.15 - 32 * 5 / 9),
    ]
}


def lookup(symbol: str) -> Unit:
    try:
        return _UNITS[symbol]
    except KeyError:
        raise ValueError(f"unknown unit {symbol!r}") from None


def convert(value: float, source: str, target: str) -> float:
    """``value`` in ``source`` units expressed in ``target`` units."""
    src, dst = lookup(source), lookup(target)
    if src.dimension != dst.dimension:
        raise IncompatibleUnits(f"cannot convert {src.dimension} to {dst.dimension}")
    base = value * src.factor + src.offset
    return (base - dst.offset) / dst.factor
