"""Positions are in metres on a flat field; headings are in degrees, 0 pointing along +x
(east) and growing counter-clockwise, so 90 points along +y (north)."""

from __future__ import annotations

import math
from dataclasses import dataclass


def normalize(degrees: float) -> float:
    """``degrees`` folded into [0, 360)."""
    return degrees % 360.0


@dataclass(frozen=True)
class Pose:
    x: float = 0.0
    y: float = 0.0
    heading: float = 0.0

    def turn(self, degrees: float) -> "Pose":
        """Rotate in place; positive turns left (counter-clockwise)."""
        return Pose(self.x, self.y, normalize(self.heading + degrees))

    def forward(self, metres: float) -> "Pose":
        return Pose(
            self.x + metres * math.cos(self.heading),
            self.y + metres * math.sin(self.heading),
            self.heading,
        )

    def rounded(self, places: int = 6) -> tuple[float, float, float]:
        return (round(self.x, places) + 0.0, round(self.y, places) + 0.0, round(self.heading, places))
