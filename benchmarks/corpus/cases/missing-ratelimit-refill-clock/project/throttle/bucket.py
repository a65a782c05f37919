"""A token bucket: ``capacity`` tokens at most, refilled at ``rate`` tokens per second."""

from __future__ import annotations

from throttle.clock import Clock


class TokenBucket:
    def __init__(self, capacity: float, rate: float, clock: Clock) -> None:
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.capacity = float(capacity)
        self.rate = float(rate)
        self.clock = clock
        self.tokens = float(capacity)
        self.updated = clock.now()

    def _refill(self) -> None:
        """Credit the tokens earned since the last refill."""
        now = self.clock.now()
        elapsed = now - self.updated
        if elapsed > 0:
            self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)

    def available(self) -> float:
        self._refill()
        return self.tokens

    def try_take(self, amount: float = 1.0) -> bool:
        """Take ``amount`` tokens if there are enough; report whether it worked."""
        if amount > self.capacity:
            raise ValueError(f"cannot take {amount} tokens from a bucket of {self.capacity}")
        self._refill()
        if self.tokens >= amount:
            self.tokens -= amount
            return True
        return False

    def wait_time(self, amount: float = 1.0) -> float:
        """Seconds until ``amount`` tokens will be available (0 if they already are)."""
        self._refill()
        missing = amount - self.tokens
        return max(0.0, missing / self.rate)
