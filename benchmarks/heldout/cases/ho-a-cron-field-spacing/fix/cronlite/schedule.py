"""A parsed cron expression."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cronlite.fields import CronError, parse_field

FIELDS = ("minute", "hour", "dom", "month", "dow")
ALIASES = {"@hourly": "0 * * * *", "@daily": "0 0 * * *", "@weekly": "0 0 * * 0",
           "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *"}


@dataclass(frozen=True)
class CronSchedule:
    minute: frozenset[int]
    hour: frozenset[int]
    dom: frozenset[int]
    month: frozenset[int]
    dow: frozenset[int]

    @classmethod
    def parse(cls, expr: str) -> "CronSchedule":
        expr = ALIASES.get(expr.strip(), expr)
        parts = expr.split()
        if len(parts) != len(FIELDS):
            raise CronError(f"expected {len(FIELDS)} fields, got {len(parts)} in {expr!r}")
        return cls(*(parse_field(text, kind) for text, kind in zip(parts, FIELDS)))

    def matches(self, when: datetime) -> bool:
        weekday = (when.weekday() + 1) % 7
        return (when.minute in self.minute and when.hour in self.hour
                and when.day in self.dom and when.month in self.month and weekday in self.dow)

    def next_after(self, when: datetime, limit_days: int = 366 * 4) -> datetime:
        """The first matching minute strictly after ``when``."""
        t = when.replace(second=0, microsecond=0) + timedelta(minutes=1)
        end = when + timedelta(days=limit_days)
        while t <= end:
            weekday = (t.weekday() + 1) % 7
            if t.month not in self.month or t.day not in self.dom or weekday not in self.dow:
                t = (t + timedelta(days=1)).replace(hour=0, minute=0)
            elif t.hour not in self.hour:
                t = (t + timedelta(hours=1)).replace(minute=0)
            elif t.minute not in self.minute:
                t += timedelta(minutes=1)
            else:
                return t
        raise CronError("no matching time within the search limit")
