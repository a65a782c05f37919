"""Reading durations: numbers each followed by a unit; a final bare number is seconds."""

from __future__ import annotations

from typing import Iterator

from durations.units import UNITS, canonical


class DurationError(ValueError):
    pass


def tokens(text: str) -> Iterator[tuple[str, str]]:
    """Split ``text`` into ("num", digits) and ("unit", letters) tokens."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit() or ch == ".":
            j = i
            while j < n and (text[j].isdigit() or text[j] == "."):
                j += 1
            yield "num", text[i:j]
            i = j
        elif ch.isalpha():
            j = i
            while j < n and text[j].isalpha():
                j += 1
            yield "unit", text[i:j]
            i = j
        else:
            raise DurationError(f"unexpected {ch!r} at position {i} in {text!r}")


def parse_duration(text: str) -> float:
    """Total seconds in ``text``, e.g. ``"1h 30m"`` -> 5400, ``"1m30"`` -> 90."""
    total = 0.0
    pending: float | None = None
    seen: set[str] = set()
    for kind, value in tokens(text):
        if kind == "num":
            if pending is not None:
                raise DurationError(f"two numbers in a row in {text!r}")
            pending = float(value)
            continue
        if pending is None:
            raise DurationError(f"unit {value!r} without a number in {text!r}")
        try:
            unit = canonical(value)
        except KeyError:
            raise DurationError(f"unknown unit {value!r}") from None
        if unit in seen:
            raise DurationError(f"unit {unit!r} given twice in {text!r}")
        seen.add(unit)
        total += pending * UNITS[unit]
        pending = None
    if pending is not None:
        total += pending
    elif not seen:
        raise DurationError("empty duration")
    return total
