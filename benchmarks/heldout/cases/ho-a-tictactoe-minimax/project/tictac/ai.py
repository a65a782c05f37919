"""Minimax search: +10 for a win, -10 for a loss, 0 for a draw; quicker wins score higher."""

from __future__ import annotations

from tictac.board import Board, other


def evaluate(board: Board, to_move: str, me: str, depth: int = 0) -> int:
    """The value of ``board`` for ``me`` with ``to_move`` to play, both sides playing perfectly."""
    winner = board.winner()
    if winner is not None:
        return 10 - depth if winner == me else depth - 10
    scores = [evaluate(board.play(square, to_move), other(to_move), me, depth + 1)
              for square in board.moves()]
    return max(scores) if to_move == me else min(scores)


def best_move(board: Board, me: str | None = None) -> int:
    """The square ``me`` should take (lowest numbered among equally good ones)."""
    me = me or board.to_move()
    if board.winner() is not None or board.is_full():
        raise ValueError("the game is over")
    best_square, best_score = -1, None
    for square in board.moves():
        score = evaluate(board.play(square, me), other(me), me, 1)
        if best_score is None or score > best_score:
            best_square, best_score = square, score
    return best_square
