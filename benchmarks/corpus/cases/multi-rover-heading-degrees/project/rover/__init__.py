"""Dead-reckoning navigation for a small ground rover."""

from rover.nav import bearing_to, distance_to, plan_route
from rover.pose import Pose
from rover.program import parse_program, run_program

__all__ = ["Pose", "bearing_to", "distance_to", "parse_program", "plan_route", "run_program"]
