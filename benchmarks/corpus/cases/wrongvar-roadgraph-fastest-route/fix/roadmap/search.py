"""Best routes by distance or by time (Dijkstra), and reachability."""

from __future__ import annotations

import heapq
import itertools
from collections import deque
from dataclasses import dataclass
from typing import Callable

from roadmap.graph import Road, RoadNetwork


class NoRoute(LookupError):
    """There is no way from one town to the other."""


@dataclass(frozen=True)
class Route:
    roads: tuple[Road, ...]

    @property
    def towns(self) -> list[str]:
        if not self.roads:
            return []
        return [self.roads[0].source, *(r.target for r in self.roads)]

    @property
    def km(self) -> float:
        return sum(r.km for r in self.roads)

    @property
    def minutes(self) -> float:
        return sum(r.minutes for r in self.roads)


def _best_route(net: RoadNetwork, start: str, goal: str,
                cost: Callable[[Road], float]) -> Route:
    for town in (start, goal):
        if town not in net:
            raise NoRoute(f"unknown town {town!r}")
    tie = itertools.count()
    queue: list[tuple[float, int, str, tuple[Road, ...]]] = [(0.0, next(tie), start, ())]
    done: set[str] = set()
    while queue:
        so_far, _, town, roads = heapq.heappop(queue)
        if town == goal:
            return Route(roads)
        if town in done:
            continue
        done.add(town)
        for road in net.roads_from(town):
            if road.target not in done:
                heapq.heappush(queue, (so_far + cost(road), next(tie), road.target,
                                       roads + (road,)))
    raise NoRoute(f"no route from {start!r} to {goal!r}")


def shortest_route(net: RoadNetwork, start: str, goal: str) -> Route:
    """The route with the fewest kilometres."""
    return _best_route(net, start, goal, lambda road: road.km)


def fastest_route(net: RoadNetwork, start: str, goal: str) -> Route:
    """The route with the least travel time."""
    return _best_route(net, start, goal, lambda road: road.minutes)


def reachable(net: RoadNetwork, start: str) -> set[str]:
    """Every town that can be reached from ``start``, itself included."""
    seen = {start}
    todo = deque([start])
    while todo:
        for road in net.roads_from(todo.popleft()):
            if road.target not in seen:
                seen.add(road.target)
                todo.append(road.target)
    return seen
