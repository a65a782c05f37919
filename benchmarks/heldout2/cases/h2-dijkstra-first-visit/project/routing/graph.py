import heapq
from collections import defaultdict
from typing import Dict, Hashable, List, Optional, Tuple

Node = Hashable


class RoadMap:
    """Weighted undirected graph of places connected by roads."""

    def __init__(self):
        self._adj: Dict[Node, List[Tuple[Node, float]]] = defaultdict(list)

    def add_road(self, a: Node, b: Node, km: float, one_way: bool = False) -> None:
        if km < 0:
            raise ValueError("distances cannot be negative")
        self._adj[a].append((b, km))
        if not one_way:
            self._adj[b].append((a, km))

    def distances_from(self, source: Node) -> Tuple[Dict[Node, float], Dict[Node, Node]]:
        """Shortest distance to every reachable place, and each place's predecessor."""
        dist: Dict[Node, float] = {source: 0}
        prev: Dict[Node, Node] = {}
        heap = [(0, source)]
        settled = set()
        while heap:
            d, u = heapq.heappop(heap)
            if u in settled:
                continue
            settled.add(u)
            for v, w in self._adj[u]:
                nd = d + w
                if v not in dist:
                    dist[v] = nd
                    prev[v] = u
                    heapq.heappush(heap, (nd, v))
        return dist, prev

    def route(self, source: Node, target: Node) -> Optional[Tuple[float, List[Node]]]:
        dist, prev = self.distances_from(source)
        if target not in dist:
            return None
        path = [target]
        while path[-1] != source:
            path.append(prev[path[-1]])
        return dist[target], path[::-1]
