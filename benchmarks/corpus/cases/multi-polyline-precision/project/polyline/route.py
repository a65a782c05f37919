from __future__ import annotations

import math
from dataclasses import dataclass

from polyline.codec import decode, encode

EARTH_RADIUS_M = 6_371_000


def haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


@dataclass
class Route:
    points: list[tuple[float, float]]

    @classmethod
    def from_polyline(cls, text: str) -> "Route":
        return cls(decode(text))

    def to_polyline(self) -> str:
        return encode(self.points)

    def length_m(self) -> float:
        return sum(haversine(a, b) for a, b in zip(self.points, self.points[1:]))

    def bounds(self) -> tuple[tuple[float, float], tuple[float, float]]:
        lats = [p[0] for p in self.points]
        lngs = [p[1] for p in self.points]
        return (min(lats), min(lngs)), (max(lats), max(lngs))
