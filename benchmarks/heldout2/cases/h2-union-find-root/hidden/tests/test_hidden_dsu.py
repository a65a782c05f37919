"""Random unions checked against a naive relabelling model, plus size bookkeeping:
rules out fixes that only work when b is a root."""
import random

from groups.dsu import DisjointSet


def test_random_against_naive():
    rng = random.Random(9)
    for _ in range(30):
        ds = DisjointSet(range(20))
        label = list(range(20))
        for _ in range(15):
            a, b = rng.randrange(20), rng.randrange(20)
            ds.union(a, b)
            la, lb = label[a], label[b]
            label = [la if x == lb else x for x in label]
        for a in range(20):
            for b in range(20):
                assert ds.connected(a, b) == (label[a] == label[b])


def test_sizes_add_up():
    ds = DisjointSet()
    ds.union(1, 2)
    ds.union(3, 4)
    ds.union(5, 4)
    ds.union(2, 4)
    assert ds.size[ds.find(1)] == 5
    assert len(ds.groups()) == 1
