"""Against sorted() on random data, both directions, with stability: rules out fixes
that special-case the first two elements."""
import random

from leaderboard import Leaderboard, insertion_sort


def test_random_against_sorted():
    rng = random.Random(1)
    for n in range(30):
        data = [rng.randint(0, 9) for _ in range(n)]
        assert insertion_sort(data) == sorted(data)
        assert insertion_sort(data, reverse=True) == sorted(data, reverse=True)


def test_stable_with_key():
    data = [(2, "a"), (1, "b"), (2, "c"), (1, "d")]
    assert insertion_sort(data, key=lambda p: p[0]) == [(1, "b"), (1, "d"), (2, "a"), (2, "c")]


def test_improved_score_moves_to_top():
    board = Leaderboard()
    for name, score in [("a", 10), ("b", 20), ("c", 30)]:
        board.submit(name, score)
    board.submit("a", 99)
    assert board.top(1) == ["a"]
