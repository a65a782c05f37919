"""Edit distance and "did you mean" suggestions for command names."""
from typing import Iterable, List, Optional


def levenshtein(a: str, b: str) -> int:
    """Minimum number of single-character insertions, deletions and substitutions."""
    rows, cols = len(a) + 1, len(b) + 1
    dp = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        dp[i][0] = i
    for j in range(cols):
        dp[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            dp[i][j] = min(
                dp[i - 1][j] + 1,
                dp[i][j - 1] + 1,
                dp[i - 1][j - 1] + cost,
            )
    return dp[-1][-1]


def suggest(word: str, candidates: Iterable[str], max_distance: int = 2) -> Optional[str]:
    """The closest candidate within max_distance (ties: alphabetical), or None."""
    best = None
    for cand in sorted(candidates):
        d = levenshtein(word.lower(), cand.lower())
        if d <= max_distance and (best is None or d < best[0]):
            best = (d, cand)
    return best[1] if best else None


def rank(word: str, candidates: Iterable[str]) -> List[str]:
    return sorted(candidates, key=lambda c: (levenshtein(word, c), c))
