"""Timesheet lines look like ``2024-03-04 09:15-12:40 acme``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Entry:
    day: date
    project: str
    minutes: int


def _clock(text: str) -> int:
    hours, _, minutes = text.partition(":")
    value = int(hours) * 60 + int(minutes)
    if not 0 <= value <= 24 * 60 or int(minutes) >= 60:
        raise ValueError(f"bad time {text!r}")
    return value


def parse_entry(line: str) -> Entry:
    try:
        day, span, project = line.split()
    except ValueError:
        raise ValueError(f"expected 'DATE START-END PROJECT', got {line!r}") from None
    start, _, end = span.partition("-")
    minutes = _clock(end) - _clock(start)
    if minutes <= 0:
        raise ValueError(f"{span} ends before it starts")
    return Entry(date.fromisoformat(day), project.lower(), minutes)


def totals_by(entries: list[Entry], key: str) -> dict[object, int]:
    sums: dict[object, int] = defaultdict(int)
    for entry in entries:
        sums[getattr(entry, key)] += entry.minutes
    return dict(sorted(sums.items()))
