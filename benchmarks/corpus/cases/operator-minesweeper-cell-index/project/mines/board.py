"""The mine field: where the mines are and how many touch each cell."""

from __future__ import annotations

from typing import Iterable, Iterator

Cell = tuple[int, int]


class Board:
    def __init__(self, rows: int, cols: int, mines: Iterable[Cell]) -> None:
        if rows < 1 or cols < 1:
            raise ValueError("a board needs at least one row and one column")
        self.rows, self.cols = rows, cols
        self.mines: frozenset[Cell] = frozenset(mines)
        for cell in self.mines:
            self.check(cell)

    @classmethod
    def from_text(cls, text: str) -> "Board":
        """Rows of ``.`` (empty) and ``*`` (mine)."""
        lines = [line.strip() for line in text.strip().splitlines()]
        if len({len(line) for line in lines}) != 1:
            raise ValueError("rows differ in length")
        mines = [(r, c) for r, line in enumerate(lines) for c, ch in enumerate(line) if ch == "*"]
        return cls(len(lines), len(lines[0]), mines)

    @classmethod
    def from_indices(cls, rows: int, cols: int, indices: Iterable[int]) -> "Board":
        """Mines given as flat cell numbers, counted row by row from the top left."""
        probe = cls(rows, cols, ())
        return cls(rows, cols, [probe.coords(i) for i in indices])

    def coords(self, index: int) -> Cell:
        if not 0 <= index < self.rows * self.cols:
            raise IndexError(f"cell {index} is off a {self.rows}x{self.cols} board")
        row = index % self.cols
        col = index % self.cols
        return row, col

    def index(self, cell: Cell) -> int:
        self.check(cell)
        return cell[0] * self.cols + cell[1]

    def check(self, cell: Cell) -> None:
        r, c = cell
        if not (0 <= r < self.rows and 0 <= c < self.cols):
            raise IndexError(f"{cell} is off a {self.rows}x{self.cols} board")

    def neighbours(self, cell: Cell) -> Iterator[Cell]:
        r, c = cell
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                n = (r + dr, c + dc)
                if n != cell and 0 <= n[0] < self.rows and 0 <= n[1] < self.cols:
                    yield n

    def count(self, cell: Cell) -> int:
        """How many mines touch ``cell``."""
        return sum(1 for n in self.neighbours(cell) if n in self.mines)

    def to_text(self) -> str:
        return "\n".join(
            "".join("*" if (r, c) in self.mines else "." for c in range(self.cols))
            for r in range(self.rows)
        )
