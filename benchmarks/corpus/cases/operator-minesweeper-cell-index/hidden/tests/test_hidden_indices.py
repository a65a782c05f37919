from mines import Board, Game, random_board


def test_coords_round_trip_on_tall_and_wide_boards():
    for rows, cols in [(2, 7), (7, 2), (4, 4), (1, 5)]:
        board = Board(rows, cols, ())
        for i in range(rows * cols):
            assert board.index(board.coords(i)) == i


def test_coords_values():
    board = Board(4, 3, ())
    assert board.coords(0) == (0, 0)
    assert board.coords(5) == (1, 2)
    assert board.coords(11) == (3, 2)


def test_first_click_is_always_safe():
    for seed in range(20):
        board = random_board(4, 6, 10, (3, 5), seed=seed)
        assert (3, 5) not in board.mines
        assert len(board.mines) == 10


def test_board_from_indices_plays():
    board = Board.from_indices(2, 5, [4])
    assert board.to_text() == "....*\n....."
    game = Game(board)
    assert game.reveal((1, 0)) == 8
    assert not game.won
    assert game.reveal((1, 4)) == 1
    assert game.won
