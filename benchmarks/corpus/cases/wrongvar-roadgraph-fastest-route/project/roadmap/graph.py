"""A road network: towns joined by one-way or two-way roads."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Road:
    source: str
    target: str
    km: float
    minutes: float


class RoadNetwork:
    def __init__(self) -> None:
        self._out: dict[str, list[Road]] = defaultdict(list)
        self._towns: set[str] = set()

    def add_road(self, source: str, target: str, km: float, minutes: float,
                 two_way: bool = True) -> None:
        if km < 0 or minutes < 0:
            raise ValueError("distances and times cannot be negative")
        self._towns.update((source, target))
        self._out[source].append(Road(source, target, km, minutes))
        if two_way:
            self._out[target].append(Road(target, source, km, minutes))

    def roads_from(self, town: str) -> list[Road]:
        return list(self._out.get(town, ()))

    @property
    def towns(self) -> frozenset[str]:
        return frozenset(self._towns)

    def __contains__(self, town: object) -> bool:
        return town in self._towns
