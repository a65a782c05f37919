"""Tic-tac-toe with a perfect computer player."""

from tictac.ai import best_move, evaluate
from tictac.board import Board

__all__ = ["Board", "best_move", "evaluate"]
