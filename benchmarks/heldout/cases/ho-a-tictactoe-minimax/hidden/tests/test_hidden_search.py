from tictac import Board, best_move, evaluate


def test_full_drawn_board_is_zero_for_both():
    b = Board.from_rows("XOX", "XOO", "OXX")
    assert evaluate(b, "O", "X") == 0
    assert evaluate(b, "X", "O") == 0


def test_full_board_with_winner_still_scores_win():
    b = Board.from_rows("XXX", "OOX", "XOO")
    assert evaluate(b, "O", "X") == 10


def test_perfect_play_from_midgame_draws():
    b = Board.from_rows("X..", ".O.", "...")
    assert evaluate(b, "X", "X") == 0


def test_self_play_ends_in_draw():
    b = Board.from_rows("X..", "...", "...")
    while b.winner() is None and not b.is_full():
        b = b.play(best_move(b), b.to_move())
    assert b.winner() is None and b.is_full()
