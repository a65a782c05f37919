"""A minesweeper engine."""

from mines.board import Board
from mines.game import Game, GameOver
from mines.layout import random_board

__all__ = ["Board", "Game", "GameOver", "random_board"]
