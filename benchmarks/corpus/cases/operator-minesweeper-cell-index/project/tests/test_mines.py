import pytest

from mines import Board, Game, GameOver, random_board

FIELD = """
*...
..*.
....
"""


def test_counts_from_text():
    board = Board.from_text(FIELD)
    assert (board.rows, board.cols) == (3, 4)
    assert board.count((1, 1)) == 2
    assert board.count((2, 0)) == 0
    assert board.to_text() == FIELD.strip()


def test_index_of_cell():
    board = Board(3, 4, ())
    assert board.index((2, 1)) == 9
    with pytest.raises(IndexError):
        board.index((3, 0))


def test_from_indices_on_wide_board():
    board = Board.from_indices(3, 4, [0, 6, 7])
    assert board.to_text() == "*...\n..**\n...."


def test_flood_fill_reveal():
    game = Game(Board.from_text(FIELD))
    assert game.reveal((2, 0)) == 4
    assert game.view() == "####\n12##\n 1##"


def test_stepping_on_a_mine_ends_the_game():
    game = Game(Board.from_text(FIELD))
    game.reveal((0, 0))
    assert game.lost
    with pytest.raises(GameOver):
        game.reveal((2, 3))


def test_random_board_is_reproducible_and_sized():
    a = random_board(5, 5, 6, (2, 2), seed=11)
    b = random_board(5, 5, 6, (2, 2), seed=11)
    assert a.mines == b.mines
    assert len(a.mines) == 6
