import time
from typing import Callable, Dict


class TokenBucket:
    """Allows bursts of up to ``capacity`` requests, refilled at ``rate`` tokens/second."""

    def __init__(self, rate: float, capacity: float, clock: Callable[[], float] = time.monotonic):
        if rate <= 0 or capacity <= 0:
            raise ValueError("rate and capacity must be positive")
        self.rate = rate
        self.capacity = capacity
        self._clock = clock
        self.tokens = capacity
        self._last = clock()

    def _refill(self) -> None:
        now = self._clock()
        elapsed = now - self._last
        self.tokens = self.tokens + elapsed * self.rate
        self._last = now

    def allow(self, cost: float = 1.0) -> bool:
        self._refill()
        if cost <= self.tokens:
            self.tokens -= cost
            return True
        return False

    def wait_time(self, cost: float = 1.0) -> float:
        """Seconds until a request of ``cost`` would be allowed."""
        self._refill()
        if cost > self.capacity:
            return float("inf")
        return max(0.0, (cost - self.tokens) / self.rate)


class PerClientLimiter:
    def __init__(self, rate: float, capacity: float, clock: Callable[[], float] = time.monotonic):
        self._factory = lambda: TokenBucket(rate, capacity, clock)
        self._buckets: Dict[str, TokenBucket] = {}

    def allow(self, client: str) -> bool:
        if client not in self._buckets:
            self._buckets[client] = self._factory()
        return self._buckets[client].allow()
