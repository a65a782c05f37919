"""On-call rotations: shifts, who is on call, conflicts and load."""

from oncall.rotation import build_rotation, conflicts, load, who_is_on
from oncall.shifts import Shift

__all__ = ["Shift", "build_rotation", "conflicts", "load", "who_is_on"]
