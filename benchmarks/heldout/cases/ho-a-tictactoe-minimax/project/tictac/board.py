"""An immutable 3x3 board; squares are numbered 0-8 row by row."""

from __future__ import annotations

from dataclasses import dataclass

LINES = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6)]


def other(mark: str) -> str:
    return "O" if mark == "X" else "X"


@dataclass(frozen=True)
class Board:
    cells: tuple[str, ...] = (" ",) * 9

    @classmethod
    def from_rows(cls, *rows: str) -> "Board":
        text = "".join(rows)
        if len(text) != 9 or set(text) - {"X", "O", " ", "."}:
            raise ValueError("a board is three rows of three of 'X', 'O' and ' ' or '.'")
        return cls(tuple(" " if c == "." else c for c in text))

    def moves(self) -> list[int]:
        return [i for i, c in enumerate(self.cells) if c == " "]

    def play(self, square: int, mark: str) -> "Board":
        if self.cells[square] != " ":
            raise ValueError(f"square {square} is taken")
        cells = list(self.cells)
        cells[square] = mark
        return Board(tuple(cells))

    def winner(self) -> str | None:
        for a, b, c in LINES:
            if self.cells[a] != " " and self.cells[a] == self.cells[b] == self.cells[c]:
                return self.cells[a]
        return None

    def is_full(self) -> bool:
        return " " not in self.cells

    def to_move(self) -> str:
        return "X" if self.cells.count("X") == self.cells.count("O") else "O"

    def __str__(self) -> str:
        rows = ["".join(self.cells[r * 3:r * 3 + 3]) for r in range(3)]
        return "\n".join(rows)
