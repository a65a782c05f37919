import random

import pytest

from farkle import Farkled, Turn, score


def test_single_ones_and_fives():
    assert score([1, 5, 2, 3]) == 150


def test_three_twos():
    assert score([2, 2, 2, 3, 4, 6]) == 200


def test_three_ones():
    assert score([1, 1, 1, 3, 4, 6]) == 1000


def test_four_fives():
    assert score([5, 5, 5, 5, 2, 3]) == 550


def test_straight_and_pairs():
    assert score([6, 5, 4, 3, 2, 1]) == 1500
    assert score([2, 2, 3, 3, 6, 6]) == 750


def test_bad_dice_rejected():
    with pytest.raises(ValueError):
        score([0, 1])


class FixedRolls(random.Random):
    def __init__(self, faces):
        super().__init__(0)
        self.faces = list(faces)

    def randint(self, a, b):
        return self.faces.pop(0)


def test_turn_keep_and_bank():
    turn = Turn(FixedRolls([1, 2, 3, 4, 6, 6, 5, 2, 3, 4, 6]))
    turn.roll()
    turn.keep([1])
    turn.roll()
    turn.keep([5])
    assert turn.bank() == 150


def test_farkle_loses_points():
    turn = Turn(FixedRolls([1, 2, 3, 4, 6, 6, 2, 3, 4, 6, 6]))
    turn.roll()
    turn.keep([1])
    with pytest.raises(Farkled):
        turn.roll()
    assert turn.points == 0 and turn.over
