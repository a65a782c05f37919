"""Check against Floyd-Warshall on random graphs: rules out fixes that only handle
a detour of two hops or that overwrite distances with longer ones."""
import random

from routing.graph import RoadMap


def floyd(nodes, edges):
    inf = float("inf")
    d = {(a, b): (0 if a == b else inf) for a in nodes for b in nodes}
    for a, b, w in edges:
        d[a, b] = min(d[a, b], w)
        d[b, a] = min(d[b, a], w)
    for k in nodes:
        for i in nodes:
            for j in nodes:
                if d[i, k] + d[k, j] < d[i, j]:
                    d[i, j] = d[i, k] + d[k, j]
    return d


def test_random_graphs_match_floyd_warshall():
    rng = random.Random(11)
    for _ in range(25):
        nodes = list(range(8))
        edges = [(rng.randrange(8), rng.randrange(8), rng.randint(1, 20)) for _ in range(14)]
        m = RoadMap()
        for a, b, w in edges:
            m.add_road(a, b, w)
        ref = floyd(nodes, edges)
        dist, _ = m.distances_from(0)
        for n in nodes:
            if ref[0, n] == float("inf"):
                assert n not in dist
            else:
                assert dist[n] == ref[0, n]


def test_route_path_is_consistent():
    m = RoadMap()
    m.add_road("a", "b", 1)
    m.add_road("b", "c", 1)
    m.add_road("c", "d", 1)
    m.add_road("a", "d", 10)
    m.add_road("a", "c", 5)
    assert m.route("a", "d") == (3, ["a", "b", "c", "d"])
