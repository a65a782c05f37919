"""A line-oriented text buffer with undo and redo."""

from textbuf.buffer import Buffer
from textbuf.editor import Editor
from textbuf.history import History, NothingToUndo

__all__ = ["Buffer", "Editor", "History", "NothingToUndo"]
