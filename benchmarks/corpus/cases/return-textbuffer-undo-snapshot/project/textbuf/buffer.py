"""The buffer: a list of lines, edited in place."""

from __future__ import annotations


class Buffer:
    def __init__(self, text: str = "") -> None:
        self._lines: list[str] = text.split("\n") if text else []

    def __len__(self) -> int:
        return len(self._lines)

    @property
    def text(self) -> str:
        return "\n".join(self._lines)

    def line(self, number: int) -> str:
        """The line with 1-based ``number``."""
        return self._lines[self._index(number)]

    def _index(self, number: int, allow_end: bool = False) -> int:
        last = len(self._lines) + (1 if allow_end else 0)
        if not 1 <= number <= last:
            raise IndexError(f"line {number} is out of range 1..{last}")
        return number - 1

    def insert(self, number: int, text: str) -> None:
        """Insert ``text`` so that it becomes line ``number`` (len + 1 appends)."""
        self._lines.insert(self._index(number, allow_end=True), text)

    def delete(self, number: int) -> str:
        return self._lines.pop(self._index(number))

    def replace(self, number: int, text: str) -> None:
        self._lines[self._index(number)] = text

    def snapshot(self) -> list[str]:
        """The current lines, as a list independent of the buffer."""
        return self._lines

    def restore(self, lines: list[str]) -> None:
        self._lines = list(lines)
