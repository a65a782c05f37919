"""Points for a set of dice.

* a straight 1-2-3-4-5-6: 1500
* three pairs: 750
* three of a kind: 1000 for ones, otherwise 100 times the face
* each remaining one: 100, each remaining five: 50
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

STRAIGHT = 1500
THREE_PAIRS = 750


def _check(dice: list[int]) -> None:
    if not 1 <= len(dice) <= 6:
        raise ValueError("between one and six dice are scored at a time")
    if any(not 1 <= d <= 6 for d in dice):
        raise ValueError(f"not a die face in {dice}")


def score(dice: Iterable[int]) -> int:
    dice = list(dice)
    _check(dice)
    counts = Counter(dice)
    if sorted(dice) == [1, 2, 3, 4, 5, 6]:
        return STRAIGHT
    if len(dice) == 6 and sorted(counts.values()) == [2, 2, 2]:
        return THREE_PAIRS
    total = 0
    for face in range(1, 7):
        if counts[face] >= 3:
            total += 1000 if face == 1 else face * 100
    total += counts[1] * 100 + counts[5] * 50
    return total


def has_score(dice: Iterable[int]) -> bool:
    return score(dice) > 0


def all_scoring(dice: Iterable[int]) -> bool:
    """Whether every die in ``dice`` contributes to the score."""
    dice = list(dice)
    base = score(dice)
    if len(dice) == 1:
        return base > 0
    return all(score(dice[:i] + dice[i + 1:]) < base for i in range(len(dice)))
