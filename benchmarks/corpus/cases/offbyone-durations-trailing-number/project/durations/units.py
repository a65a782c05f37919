"""Unit names and their length in seconds, largest first."""

UNITS: dict[str, int] = {
    "w": 7 * 24 * 3600,
    "d": 24 * 3600,
    "h": 3600,
    "m": 60,
    "s": 1,
}

ALIASES: dict[str, str] = {
    "week": "w", "weeks": "w",
    "day": "d", "days": "d",
    "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
    "min": "m", "mins": "m", "minute": "m", "minutes": "m",
    "sec": "s", "secs": "s", "second": "s", "seconds": "s",
}


def canonical(unit: str) -> str:
    unit = unit.lower()
    unit = ALIASES.get(unit, unit)
    if unit not in UNITS:
        raise KeyError(unit)
    return unit
