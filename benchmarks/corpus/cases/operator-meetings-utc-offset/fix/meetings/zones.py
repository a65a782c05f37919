"""Fixed-offset time zones written like ``UTC+05:30``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

_ZONE = re.compile(r"^UTC(?:([+-])(\d{2}):(\d{2}))?$")


@dataclass(frozen=True)
class Zone:
    name: str
    offset_minutes: int  # how far local clocks run ahead of UTC

    def to_utc(self, local: datetime) -> datetime:
        """The UTC instant shown as ``local`` on clocks in this zone."""
        return local - timedelta(minutes=self.offset_minutes)

    def from_utc(self, utc: datetime) -> datetime:
        """What clocks in this zone show at the UTC instant ``utc``."""
        return utc + timedelta(minutes=self.offset_minutes)


UTC = Zone("UTC", 0)


def parse_zone(text: str) -> Zone:
    m = _ZONE.match(text.strip())
    if not m:
        raise ValueError(f"not a zone: {text!r}")
    sign, hours, minutes = m.groups()
    if sign is None:
        return UTC
    if int(hours) > 14 or int(minutes) >= 60:
        raise ValueError(f"offset out of range: {text!r}")
    offset = int(hours) * 60 + int(minutes)
    return Zone(text.strip(), -offset if sign == "-" else offset)


def convert(local: datetime, source: Zone, target: Zone) -> datetime:
    """A wall-clock time in ``source`` as the wall-clock time in ``target``."""
    return target.from_utc(source.to_utc(local))
