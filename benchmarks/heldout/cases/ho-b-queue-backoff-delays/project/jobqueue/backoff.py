"""Exponential backoff policy for retrying failed jobs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Backoff:
    base: float = 1.0
    factor: float = 2.0
    cap: float = 60.0
    max_attempts: int = 5  # total attempts, the first one included

    def __post_init__(self) -> None:
        if self.base <= 0 or self.factor < 1 or self.cap <= 0:
            raise ValueError("base and cap must be positive and factor at least 1")
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")

    def delay(self, retry: int) -> float:
        """Seconds to wait before retry number ``retry`` (1 for the first retry).

        The first retry waits ``base`` seconds, and each following one ``factor``
        times longer than the one before, never more than ``cap``.
        """
        if retry < 1:
            raise ValueError("retries are numbered from 1")
        return min(self.cap, self.base * self.factor**retry)

    def schedule(self) -> list[float]:
        """The delay before each retry the policy allows, in order."""
        return [self.delay(n) for n in range(1, self.max_attempts)]
