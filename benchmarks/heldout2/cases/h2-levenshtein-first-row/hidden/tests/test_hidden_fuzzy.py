"""A reference recursive implementation on many pairs: rules out patches that only
special-case empty strings."""
import functools
import itertools

from fuzzy import levenshtein, rank


def ref(a, b):
    @functools.lru_cache(maxsize=None)
    def d(i, j):
        if i == 0:
            return j
        if j == 0:
            return i
        return min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + (a[i - 1] != b[j - 1]))
    return d(len(a), len(b))


def test_against_reference():
    words = ["", "a", "ab", "ba", "kitten", "sitting", "flaw", "lawn", "x", "xyz", "abc"]
    for a, b in itertools.product(words, repeat=2):
        assert levenshtein(a, b) == ref(a, b), (a, b)


def test_symmetry_and_rank():
    assert levenshtein("kitten", "sitting") == 3
    assert rank("pul", ["push", "pull", "log"]) == ["pull", "push", "log"]
