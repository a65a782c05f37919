"""Grouping and counting records."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from logbucket.parse import LEVELS, LogRecord


def by_level(records: Iterable[LogRecord]) -> dict[str, list[LogRecord]]:
    """Records under each level, in input order; every level is present, maybe empty."""
    buckets: dict[str, list[LogRecord]] = dict.fromkeys(LEVELS, [])
    for record in records:
        buckets[record.level].append(record)
    return buckets


def by_service(records: Iterable[LogRecord]) -> dict[str, list[LogRecord]]:
    buckets: dict[str, list[LogRecord]] = defaultdict(list)
    for record in records:
        buckets[record.service].append(record)
    return dict(buckets)


def summary(records: Iterable[LogRecord], min_level: str = "DEBUG") -> dict[str, int]:
    """How many records there are of each level from ``min_level`` up."""
    start = LEVELS.index(min_level)
    grouped = by_level(records)
    return {level: len(grouped[level]) for level in LEVELS[start:]}
