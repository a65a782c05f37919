"""How long a stored response stays fresh, and how old it is now.

All times are seconds since the epoch; ``date`` and ``expires`` come from the
origin server's clock, ``stored_at`` and ``now`` from ours.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from httpcache.directives import parse_cache_control


@dataclass
class CachedResponse:
    status: int
    date: float
    stored_at: float
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    expires: float | None = None
    body: bytes = b""

    @property
    def directives(self) -> dict[str, int | str | bool]:
        return parse_cache_control(self.headers.get("cache-control"))


def freshness_lifetime(response: CachedResponse, shared: bool = False) -> float:
    """s-maxage (shared caches only), then max-age, then Expires minus Date; else 0."""
    cc = response.directives
    if shared and isinstance(cc.get("s-maxage"), int):
        return float(cc["s-maxage"])
    if isinstance(cc.get("max-age"), int):
        return float(cc["max-age"])
    if response.expires is not None:
        return max(0.0, response.expires - response.stored_at)
    return 0.0


def current_age(response: CachedResponse, now: float) -> float:
    """The response's age: the larger of its apparent age and its Age header when
    it was stored, plus the time it has spent in this cache since."""
    try:
        age_value = int(response.headers.get("age", "0"))
    except ValueError:
        age_value = 0
    apparent_age = max(0.0, response.stored_at - response.date)
    corrected_initial_age = max(apparent_age, float(age_value))
    resident_time = now - response.stored_at
    return corrected_initial_age + resident_time


def is_fresh(response: CachedResponse, now: float, shared: bool = False) -> bool:
    return freshness_lifetime(response, shared) > current_age(response, now)
