"""Halls have lettered rows (A is nearest the screen) and numbered seats from 1."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

_SEAT = re.compile(r"([A-Z])(\d+)")


@dataclass(frozen=True)
class Hall:
    name: str
    rows: int
    seats_per_row: int

    def __post_init__(self) -> None:
        if not 1 <= self.rows <= 26 or self.seats_per_row < 1:
            raise ValueError("a hall has 1-26 rows and at least one seat per row")


def parse_seat(label: str, hall: Hall) -> tuple[int, int]:
    """``"C7"`` -> zero-based ``(row, seat)`` indexes."""
    m = _SEAT.fullmatch(label.strip().upper())
    if not m:
        raise ValueError(f"not a seat: {label!r}")
    row, seat = string.ascii_uppercase.index(m.group(1)), int(m.group(2)) - 1
    if row >= hall.rows or not 0 <= seat < hall.seats_per_row:
        raise ValueError(f"no seat {label} in {hall.name}")
    return row, seat


def seat_label(row: int, seat: int) -> str:
    return f"{string.ascii_uppercase[row]}{seat + 1}"
