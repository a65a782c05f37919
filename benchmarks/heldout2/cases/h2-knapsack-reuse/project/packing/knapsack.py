"""Choosing which gear to pack: the 0/1 knapsack problem."""
from dataclasses import dataclass
from typing import Iterable, List, Tuple


@dataclass(frozen=True)
class Item:
    name: str
    weight: int
    value: int


def best_value(items: Iterable[Item], capacity: int) -> int:
    """Highest total value of a subset of items (each used at most once) within capacity."""
    best = [0] * (capacity + 1)
    for item in items:
        for c in range(item.weight, capacity + 1):
            best[c] = max(best[c], best[c - item.weight] + item.value)
    return best[capacity]


def choose(items: List[Item], capacity: int) -> Tuple[int, List[str]]:
    """Best value and the names of one optimal subset, using the full table."""
    n = len(items)
    table = [[0] * (capacity + 1) for _ in range(n + 1)]
    for i, item in enumerate(items, 1):
        for c in range(capacity + 1):
            table[i][c] = table[i - 1][c]
            if item.weight <= c:
                table[i][c] = max(table[i][c], table[i - 1][c - item.weight] + item.value)
    names, c = [], capacity
    for i in range(n, 0, -1):
        if table[i][c] != table[i - 1][c]:
            names.append(items[i - 1].name)
            c -= items[i - 1].weight
    return table[n][capacity], sorted(names)


def parse_items(lines: Iterable[str]) -> List[Item]:
    """Lines like 'tent 5 60'."""
    items = []
    for line in lines:
        if line.strip():
            name, w, v = line.split()
            items.append(Item(name, int(w), int(v)))
    return items
