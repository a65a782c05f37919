from leaderboard import Leaderboard, insertion_sort


def test_trivial_inputs():
    assert insertion_sort([]) == []
    assert insertion_sort([1]) == [1]


def test_already_sorted():
    assert insertion_sort([1, 2, 3, 4]) == [1, 2, 3, 4]


def test_smallest_already_first():
    assert insertion_sort([1, 5, 3, 4, 2]) == [1, 2, 3, 4, 5]


def test_unsorted():
    assert insertion_sort([3, 1, 2]) == [1, 2, 3]


def test_leaderboard_new_high_score():
    board = Leaderboard()
    board.submit("ann", 50)
    board.submit("bob", 70)
    board.submit("cy", 60)
    assert board.top() == ["bob", "cy", "ann"]
