from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tariff:
    """Hourly rate (started hours count in full) with a grace period and a daily cap.

    Amounts are in cents.
    """

    hourly: int
    daily_cap: int
    free_minutes: int = 15

    def __post_init__(self) -> None:
        if self.hourly <= 0 or self.daily_cap <= 0:
            raise ValueError("rates must be positive")
        if self.free_minutes < 0:
            raise ValueError("free_minutes cannot be negative")
