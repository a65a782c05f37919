from __future__ import annotations

from league.models import Match
from league.standings import Row, table


class UnknownTeam(KeyError):
    """A result mentions a team that is not in the league."""


class Season:
    def __init__(self, teams: list[str]) -> None:
        if len(set(teams)) != len(teams):
            raise ValueError("duplicate team names")
        self.teams = list(teams)
        self.matches: list[Match] = []

    def record(self, match: Match) -> None:
        for team in (match.home, match.away):
            if team not in self.teams:
                raise UnknownTeam(team)
        self.matches.append(match)

    def standings(self) -> list[Row]:
        return table(self.teams, self.matches)

    def best_margin(self) -> int:
        """The largest winning margin of the season so far (0 while none has been played)."""
        return max(m.margin for m in self.matches)

    def summary(self) -> dict[str, object]:
        rows = self.standings()
        return {
            "played": len(self.matches),
            "leader": rows[0].team if rows else None,
            "goals": sum(m.home_goals + m.away_goals for m in self.matches),
            "best_margin": self.best_margin(),
        }
