"""Aggregate figures over parsed log entries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from logstats.parser import LogEntry


def status_class(status: int) -> str:
    """The class of an HTTP status code: informational, success, redirect,
    client_error or server_error."""
    if not 100 <= status <= 599:
        raise ValueError(f"not an HTTP status: {status}")
    if status >= 500:
        return "server_error"
    elif status >= 400:
        return "client_error"
    elif status >= 300:
        return "redirect"
    elif status >= 200:
        return "success"
    return "informational"


@dataclass
class Summary:
    requests: int = 0
    bytes_sent: int = 0
    by_class: Counter[str] = field(default_factory=Counter)
    by_path: Counter[str] = field(default_factory=Counter)
    hosts: set[str] = field(default_factory=set)

    @property
    def error_rate(self) -> float:
        errors = self.by_class["client_error"] + self.by_class["server_error"]
        return errors / self.requests if self.requests else 0.0

    def top_paths(self, n: int = 3) -> list[tuple[str, int]]:
        return sorted(self.by_path.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def summarize(entries: Iterable[LogEntry]) -> Summary:
    s = Summary()
    for e in entries:
        s.requests += 1
        s.bytes_sent += e.size
        s.by_class[status_class(e.status)] += 1
        s.by_path[e.path] += 1
        s.hosts.add(e.host)
    return s
