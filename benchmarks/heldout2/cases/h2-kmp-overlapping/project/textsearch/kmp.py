"""Knuth-Morris-Pratt substring search."""
from typing import List


def prefix_function(pattern: str) -> List[int]:
    """fail[i] = length of the longest proper prefix of pattern[:i+1] that is also a suffix."""
    fail = [0] * len(pattern)
    k = 0
    for i in range(1, len(pattern)):
        while k > 0 and pattern[i] != pattern[k]:
            k = fail[k - 1]
        if pattern[i] == pattern[k]:
            k += 1
        fail[i] = k
    return fail


def find_all(text: str, pattern: str) -> List[int]:
    """Start indices of every occurrence of pattern in text, overlapping ones included."""
    if not pattern:
        raise ValueError("empty pattern")
    fail = prefix_function(pattern)
    matches = []
    k = 0
    for i, ch in enumerate(text):
        while k > 0 and ch != pattern[k]:
            k = fail[k - 1]
        if ch == pattern[k]:
            k += 1
        if k == len(pattern):
            matches.append(i - k + 1)
            k = 0
    return matches


def count(text: str, pattern: str) -> int:
    return len(find_all(text, pattern))
