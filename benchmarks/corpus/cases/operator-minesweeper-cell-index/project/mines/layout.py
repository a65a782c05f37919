"""Random boards that never put a mine under the first click."""

from __future__ import annotations

import random

from mines.board import Board, Cell


def random_board(rows: int, cols: int, count: int, first_click: Cell, seed: int | None = None) -> Board:
    cells = rows * cols
    if not 0 <= count < cells:
        raise ValueError(f"cannot place {count} mines on {cells} cells")
    safe = Board(rows, cols, ()).index(first_click)
    rng = random.Random(seed)
    choices = [i for i in range(cells) if i != safe]
    return Board.from_indices(rows, cols, rng.sample(choices, count))
