from typing import Dict, Hashable, Iterable, List, Set, Tuple


class DisjointSet:
    """Union-find with union by size and path compression."""

    def __init__(self, items: Iterable[Hashable] = ()):
        self.parent: Dict[Hashable, Hashable] = {}
        self.size: Dict[Hashable, int] = {}
        for item in items:
            self.add(item)

    def add(self, x: Hashable) -> None:
        if x not in self.parent:
            self.parent[x] = x
            self.size[x] = 1

    def find(self, x: Hashable) -> Hashable:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: Hashable, b: Hashable) -> bool:
        """Merge the groups of a and b; False if they were already together."""
        self.add(a)
        self.add(b)
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[b] = ra
        self.size[ra] += self.size[rb]
        return True

    def connected(self, a: Hashable, b: Hashable) -> bool:
        return self.find(a) == self.find(b)

    def groups(self) -> List[Set[Hashable]]:
        out: Dict[Hashable, Set[Hashable]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), set()).add(x)
        return sorted(out.values(), key=lambda g: (-len(g), sorted(map(str, g))))


def friend_circles(pairs: Iterable[Tuple[str, str]]) -> List[Set[str]]:
    ds = DisjointSet()
    for a, b in pairs:
        ds.union(a, b)
    return ds.groups()
