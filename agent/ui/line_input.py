"""Reading a line at the conversation's prompt on a terminal: prompt_toolkit, for line editing
and a history kept across sessions (``.homeostasis/history`` in the project). Elsewhere (a
pipe, ``NO_COLOR``) the conversation reads with plain :func:`input`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def line_reader(history: Path | None = None) -> Callable[[str], str]:
    """A function that shows a prompt and returns the line typed, with history (kept in the
    file ``history`` when given) and line editing. Ctrl-C raises KeyboardInterrupt and Ctrl-D
    EOFError, as :func:`input` does."""
    # Imported here: only a conversation on a terminal pays for prompt_toolkit.
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory, History, InMemoryHistory

    kept: History = InMemoryHistory()
    if history is not None and history.parent.is_dir():
        kept = FileHistory(str(history))
    session: PromptSession[str] = PromptSession(history=kept)

    def read(prompt: str) -> str:
        return session.prompt(prompt)

    return read
