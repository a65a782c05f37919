"""Lines look like ``2024-05-01T10:00:00Z ERROR [api] upstream timed out``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Iterator

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_LINE = re.compile(r"^(\S+)\s+([A-Z]+)\s+\[([\w.-]+)\]\s+(.*)$")
_ALIASES = {"WARN": "WARNING", "ERR": "ERROR", "FATAL": "CRITICAL"}


@dataclass(frozen=True)
class LogRecord:
    when: datetime
    level: str
    service: str
    message: str


def parse_line(line: str) -> LogRecord:
    match = _LINE.match(line.strip())
    if not match:
        raise ValueError(f"unparsable log line: {line!r}")
    stamp, level, service, message = match.groups()
    level = _ALIASES.get(level, level)
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return LogRecord(when, level, service, message)


def parse_lines(lines: Iterable[str]) -> Iterator[LogRecord]:
    """Records from ``lines``, skipping blank lines and ``#`` comments."""
    for line in lines:
        if line.strip() and not line.lstrip().startswith("#"):
            yield parse_line(line)
