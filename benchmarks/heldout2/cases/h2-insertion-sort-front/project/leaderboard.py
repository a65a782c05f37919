"""A small leaderboard that keeps scores sorted with insertion sort
(entries mostly arrive in order, so this is cheap)."""
from dataclasses import dataclass
from typing import Callable, List, Optional


def insertion_sort(items, key: Optional[Callable] = None, reverse: bool = False) -> list:
    a = list(items)
    k = key or (lambda x: x)

    def before(x, y):
        return k(x) > k(y) if reverse else k(x) < k(y)

    for i in range(1, len(a)):
        current = a[i]
        j = i - 1
        while j > 0 and before(current, a[j]):
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = current
    return a


@dataclass
class Entry:
    player: str
    score: int


class Leaderboard:
    def __init__(self):
        self.entries: List[Entry] = []

    def submit(self, player: str, score: int) -> None:
        for e in self.entries:
            if e.player == player:
                e.score = max(e.score, score)
                break
        else:
            self.entries.append(Entry(player, score))
        self.entries = insertion_sort(self.entries, key=lambda e: e.score, reverse=True)

    def top(self, n: int = 3) -> List[str]:
        return [e.player for e in self.entries[:n]]
