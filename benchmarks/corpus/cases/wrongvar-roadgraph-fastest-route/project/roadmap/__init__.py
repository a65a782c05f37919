"""Route planning over a road network."""

from roadmap.graph import Road, RoadNetwork
from roadmap.search import NoRoute, Route, fastest_route, reachable, shortest_route

__all__ = ["NoRoute", "Road", "RoadNetwork", "Route", "fastest_route", "reachable",
           "shortest_route"]
