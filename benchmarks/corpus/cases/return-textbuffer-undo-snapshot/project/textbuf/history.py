"""Undo and redo stacks of saved buffer states."""

from __future__ import annotations

from typing import Generic, TypeVar

S = TypeVar("S")


class NothingToUndo(LookupError):
    pass


class History(Generic[S]):
    def __init__(self, limit: int = 100) -> None:
        self.limit = limit
        self._undo: list[S] = []
        self._redo: list[S] = []

    def record(self, state: S) -> None:
        """Save the state before a change; a new change forgets what could be redone."""
        self._undo.append(state)
        del self._undo[:-self.limit]
        self._redo.clear()

    def undo(self, current: S) -> S:
        if not self._undo:
            raise NothingToUndo("nothing to undo")
        self._redo.append(current)
        return self._undo.pop()

    def redo(self, current: S) -> S:
        if not self._redo:
            raise NothingToUndo("nothing to redo")
        self._undo.append(current)
        return self._redo.pop()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)
