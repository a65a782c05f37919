"""Daily closing prices exported as ``YYYY-MM-DD,price`` lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Close:
    day: date
    price: float


def parse_closes(text: str) -> list[Close]:
    """Parse an export, skipping blank lines and a ``date,close`` header; oldest first."""
    closes = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.lower() == "date,close":
            continue
        try:
            day, price = line.split(",")
            closes.append(Close(date.fromisoformat(day), float(price)))
        except ValueError:
            raise ValueError(f"line {number}: cannot read {line!r}") from None
    closes.sort(key=lambda c: c.day)
    return closes
