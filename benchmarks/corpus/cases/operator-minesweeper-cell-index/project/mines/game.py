"""Playing a board: revealing and flagging cells."""

from __future__ import annotations

from mines.board import Board, Cell


class GameOver(Exception):
    pass


class Game:
    def __init__(self, board: Board) -> None:
        self.board = board
        self.revealed: set[Cell] = set()
        self.flags: set[Cell] = set()
        self.lost = False

    @property
    def won(self) -> bool:
        return not self.lost and len(self.revealed) == self.board.rows * self.board.cols - len(self.board.mines)

    def toggle_flag(self, cell: Cell) -> None:
        self.board.check(cell)
        if cell in self.revealed:
            return
        self.flags ^= {cell}

    def reveal(self, cell: Cell) -> int:
        """Open ``cell``; opening a cell with no neighbouring mines opens its neighbours too.
        Returns how many cells were opened."""
        if self.lost or self.won:
            raise GameOver("the game has ended")
        self.board.check(cell)
        if cell in self.flags or cell in self.revealed:
            return 0
        if cell in self.board.mines:
            self.lost = True
            return 0
        opened, pending = 0, [cell]
        while pending:
            current = pending.pop()
            if current in self.revealed:
                continue
            self.revealed.add(current)
            opened += 1
            if self.board.count(current) == 0:
                pending.extend(n for n in self.board.neighbours(current) if n not in self.flags)
        return opened

    def view(self) -> str:
        rows = []
        for r in range(self.board.rows):
            row = ""
            for c in range(self.board.cols):
                cell = (r, c)
                if cell in self.flags:
                    row += "F"
                elif cell in self.revealed:
                    n = self.board.count(cell)
                    row += str(n) if n else " "
                else:
                    row += "#"
            rows.append(row)
        return "\n".join(rows)
