"""Times of day as minutes after midnight."""

from __future__ import annotations


def parse_time(text: str) -> int:
    """Minutes after midnight from 'HH:MM' (24-hour clock)."""
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ValueError(f"not a time: {text!r}")
    h, m = int(hours), int(minutes)
    if h > 24 or m > 59 or (h == 24 and m):
        raise ValueError(f"not a time: {text!r}")
    return h * 60 + m


def format_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
