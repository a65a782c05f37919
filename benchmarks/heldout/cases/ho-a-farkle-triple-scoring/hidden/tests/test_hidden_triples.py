from farkle import score
from farkle.scoring import all_scoring


def test_three_fives_alone():
    assert score([5, 5, 5]) == 500


def test_triple_ones_plus_a_five():
    assert score([1, 1, 1, 5, 2, 3]) == 1050


def test_six_ones_is_a_triple_and_three_singles():
    assert score([1] * 6) == 1300


def test_three_fours_plus_extra_ones():
    assert score([4, 4, 4, 1, 1]) == 600


def test_triple_fives_all_score():
    assert all_scoring([5, 5, 5])
    assert not all_scoring([5, 5, 5, 2])
