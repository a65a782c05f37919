"""Parsing Common Log Format lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Iterator

_LINE = re.compile(
    r'(?P<host>\S+) \S+ (?P<user>\S+) \[(?P<time>[^\]]+)\] '
    r'"(?P<method>[A-Z]+) (?P<path>\S+) [^"]*" (?P<status>\d{3}) (?P<size>\d+|-)'
)


@dataclass(frozen=True)
class LogEntry:
    host: str
    user: str | None
    time: datetime
    method: str
    path: str
    status: int
    size: int


def parse_line(line: str) -> LogEntry:
    m = _LINE.match(line)
    if m is None:
        raise ValueError(f"not a log line: {line!r}")
    return LogEntry(
        host=m["host"],
        user=None if m["user"] == "-" else m["user"],
        time=datetime.strptime(m["time"], "%d/%b/%Y:%H:%M:%S %z"),
        method=m["method"],
        path=m["path"].split("?", 1)[0],
        status=int(m["status"]),
        size=0 if m["size"] == "-" else int(m["size"]),
    )


def parse_log(lines: Iterable[str]) -> Iterator[LogEntry]:
    """Entries of the non-blank lines."""
    for line in lines:
        if line.strip():
            yield parse_line(line)
