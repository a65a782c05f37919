"""Reading a line at the conversation's prompt on a terminal: prompt_toolkit, for line editing
and a history kept across sessions (``.homeostasis/history`` in the project). Elsewhere (a
pipe, ``NO_COLOR``) the conversation reads with plain :func:`input`."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path


def line_reader(history: Path | None = None) -> Callable[[str], str]:
    """A function that shows a prompt and returns the line typed, with history (kept in the
    file ``history`` when given) and line editing. Ctrl-C raises KeyboardInterrupt and Ctrl-D
    EOFError, as :func:`input` does."""
    # Imported here: only a conversation on a terminal pays for prompt_toolkit.
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import FileHistory, History, InMemoryHistory

    class ProjectHistory(FileHistory):
        """The file's lines; a line is kept once its folder exists (the run's records make
        ``.homeostasis/`` before the first prompt, in a project's first run too)."""

        def store_string(self, string: str) -> None:
            with contextlib.suppress(OSError):  # a folder removed meanwhile: not kept
                super().store_string(string)

    kept: History = InMemoryHistory() if history is None else ProjectHistory(str(history))
    session: PromptSession[str] = PromptSession(history=kept)

    def read(prompt: str) -> str:
        return session.prompt(prompt)

    return read
