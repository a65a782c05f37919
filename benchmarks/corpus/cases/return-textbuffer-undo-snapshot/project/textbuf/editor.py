"""Editing commands that can be undone."""

from __future__ import annotations

from textbuf.buffer import Buffer
from textbuf.history import History


class Editor:
    def __init__(self, text: str = "", undo_limit: int = 100) -> None:
        self.buffer = Buffer(text)
        self.history: History[list[str]] = History(undo_limit)

    @property
    def text(self) -> str:
        return self.buffer.text

    def lines(self) -> list[str]:
        return self.buffer.snapshot()

    def _save(self) -> None:
        self.history.record(self.buffer.snapshot())

    def append(self, text: str) -> None:
        self._save()
        self.buffer.insert(len(self.buffer) + 1, text)

    def insert(self, number: int, text: str) -> None:
        self._save()
        self.buffer.insert(number, text)

    def delete(self, number: int) -> str:
        self._save()
        return self.buffer.delete(number)

    def replace(self, number: int, text: str) -> None:
        self._save()
        self.buffer.replace(number, text)

    def substitute(self, old: str, new: str) -> int:
        """Replace ``old`` with ``new`` on every line; the count of changed lines."""
        changed = [n for n in range(1, len(self.buffer) + 1) if old in self.buffer.line(n)]
        if changed:
            self._save()
            for n in changed:
                self.buffer.replace(n, self.buffer.line(n).replace(old, new))
        return len(changed)

    def undo(self) -> None:
        self.buffer.restore(self.history.undo(self.buffer.snapshot()))

    def redo(self) -> None:
        self.buffer.restore(self.history.redo(self.buffer.snapshot()))
