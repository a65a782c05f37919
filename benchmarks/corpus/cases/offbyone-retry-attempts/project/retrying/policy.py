"""How often and how patiently to retry."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 3
    base_delay: float = 0.1
    factor: float = 2.0
    max_delay: float = 5.0
    retry_on: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.base_delay < 0 or self.factor < 1:
            raise ValueError("delays must not shrink")

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (counting from 1)."""
        return min(self.max_delay, self.base_delay * self.factor ** (attempt - 1))

    def delays(self) -> list[float]:
        """Every wait a call that always fails goes through."""
        return [self.delay(a) for a in range(1, self.max_attempts)]

    def should_retry(self, exc: BaseException) -> bool:
        return isinstance(exc, self.retry_on)
