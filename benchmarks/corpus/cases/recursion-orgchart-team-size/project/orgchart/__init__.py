"""An organisation chart and headcount metrics over it."""

from orgchart.loader import load_rows
from orgchart.metrics import chain_of_command, largest_teams, team_size
from orgchart.model import Employee, OrgChart

__all__ = ["Employee", "OrgChart", "chain_of_command", "largest_teams", "load_rows", "team_size"]
