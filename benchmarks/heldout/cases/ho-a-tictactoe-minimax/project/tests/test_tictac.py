import pytest

from tictac import Board, best_move, evaluate


def test_winner_detection():
    assert Board.from_rows("XXX", "OO.", "...").winner() == "X"
    assert Board.from_rows("XO.", "XO.", ".O.").winner() == "O"
    assert Board.from_rows("XO.", "...", "...").winner() is None


def test_play_is_immutable_and_checks_square():
    b = Board()
    b2 = b.play(4, "X")
    assert b.cells[4] == " " and b2.cells[4] == "X"
    with pytest.raises(ValueError):
        b2.play(4, "O")


def test_takes_immediate_win():
    b = Board.from_rows("XX.", "OO.", "...")
    assert best_move(b, "X") == 2


def test_blocks_opponent():
    b = Board.from_rows("X..", ".O.", "..X")
    b = b.play(2, "O")
    assert best_move(b, "X") == 6


def test_drawn_position_evaluates_to_zero():
    b = Board.from_rows("XOX", "XOO", "OX.")
    assert evaluate(b, "X", "X") == 0


def test_game_over_rejected():
    with pytest.raises(ValueError):
        best_move(Board.from_rows("XXX", "OO.", "..."))
