"""One token bucket per client key."""

from __future__ import annotations

from dataclasses import dataclass

from throttle.bucket import TokenBucket
from throttle.clock import Clock, MonotonicClock


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: float


class RateLimiter:
    def __init__(self, capacity: float, per_second: float, clock: Clock | None = None) -> None:
        if capacity <= 0 or per_second <= 0:
            raise ValueError("capacity and per_second must be positive")
        self.capacity = capacity
        self.per_second = per_second
        self.clock = clock or MonotonicClock()
        self._buckets: dict[str, TokenBucket] = {}

    def _bucket(self, key: str) -> TokenBucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = TokenBucket(self.capacity, self.per_second, self.clock)
            self._buckets[key] = bucket
        return bucket

    def check(self, key: str, cost: float = 1.0) -> Decision:
        bucket = self._bucket(key)
        if bucket.try_take(cost):
            return Decision(True, 0.0)
        return Decision(False, bucket.wait_time(cost))

    def allow(self, key: str, cost: float = 1.0) -> bool:
        return self.check(key, cost).allowed

    def forget(self, key: str) -> None:
        self._buckets.pop(key, None)
