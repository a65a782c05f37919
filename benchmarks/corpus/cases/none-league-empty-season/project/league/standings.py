"""The league table: 3 points for a win, 1 for a draw."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from league.models import Match

WIN, DRAW = 3, 1


@dataclass
class Row:
    team: str
    played: int = 0
    won: int = 0
    drawn: int = 0
    lost: int = 0
    goals_for: int = 0
    goals_against: int = 0

    @property
    def points(self) -> int:
        return WIN * self.won + DRAW * self.drawn

    @property
    def goal_difference(self) -> int:
        return self.goals_for - self.goals_against


def _apply(row: Row, scored: int, conceded: int) -> None:
    row.played += 1
    row.goals_for += scored
    row.goals_against += conceded
    if scored > conceded:
        row.won += 1
    elif scored == conceded:
        row.drawn += 1
    else:
        row.lost += 1


def table(teams: Iterable[str], matches: Iterable[Match]) -> list[Row]:
    """Rows ordered by points, then goal difference, then goals scored, then name."""
    rows = {team: Row(team) for team in teams}
    for m in matches:
        _apply(rows[m.home], m.home_goals, m.away_goals)
        _apply(rows[m.away], m.away_goals, m.home_goals)
    return sorted(rows.values(),
                  key=lambda r: (-r.points, -r.goal_difference, -r.goals_for, r.team))
