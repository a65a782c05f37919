"""An in-memory cache of responses keyed by URL."""

from __future__ import annotations

from httpcache.freshness import CachedResponse, current_age, freshness_lifetime, is_fresh

CACHEABLE_STATUS = {200, 203, 204, 300, 301, 404, 405, 410, 414, 501}


class ResponseCache:
    def __init__(self, shared: bool = False) -> None:
        self.shared = shared
        self._entries: dict[str, CachedResponse] = {}

    def store(self, url: str, response: CachedResponse) -> bool:
        """Keep the response if its status and directives allow it; say whether it was kept."""
        cc = response.directives
        if response.status not in CACHEABLE_STATUS or cc.get("no-store"):
            return False
        if self.shared and cc.get("private"):
            return False
        self._entries[url] = response
        return True

    def lookup(self, url: str, now: float) -> CachedResponse | None:
        """The stored response if it is still fresh, else None."""
        response = self._entries.get(url)
        if response is None or response.directives.get("no-cache"):
            return None
        return response if is_fresh(response, now, self.shared) else None

    def ttl(self, url: str, now: float) -> float:
        """Seconds the stored response stays fresh from ``now`` (0 when stale or absent)."""
        response = self._entries.get(url)
        if response is None:
            return 0.0
        return max(0.0, freshness_lifetime(response, self.shared) - current_age(response, now))
