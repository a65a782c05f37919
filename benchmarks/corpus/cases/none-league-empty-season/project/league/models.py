from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Match:
    home: str
    away: str
    home_goals: int
    away_goals: int

    def __post_init__(self) -> None:
        if self.home == self.away:
            raise ValueError("a team cannot play itself")
        if self.home_goals < 0 or self.away_goals < 0:
            raise ValueError("goals cannot be negative")

    @property
    def winner(self) -> str | None:
        if self.home_goals > self.away_goals:
            return self.home
        if self.away_goals > self.home_goals:
            return self.away
        return None

    @property
    def margin(self) -> int:
        return abs(self.home_goals - self.away_goals)
