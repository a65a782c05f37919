"""A small football league table."""

from league.models import Match
from league.season import Season, UnknownTeam
from league.standings import Row, table

__all__ = ["Match", "Row", "Season", "UnknownTeam", "table"]
