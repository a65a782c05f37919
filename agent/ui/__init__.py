"""What a person sees: :class:`Console` (plain text, for logs and pipes), its rich terminal
form (:mod:`.rich_console`), the line editor (:mod:`.line_input`) and the conversation about
the fixes (:mod:`.conversation`). Rich and prompt_toolkit are imported only when a terminal
needs them."""

from pathlib import Path
from typing import TextIO

from homeostasis.ui.console import LOG_PROGRESS_EVERY, LOGGED_IN_FULL, Console

__all__ = ["LOGGED_IN_FULL", "LOG_PROGRESS_EVERY", "Console", "terminal_console"]


def terminal_console(out: TextIO, interactive: bool, color: bool,
                     history: Path | None = None) -> Console:
    """The console for ``out``: drawn with rich and read with prompt_toolkit (history kept in
    ``history``) on a colour terminal; plain text and :func:`input` on a terminal without
    colour (``NO_COLOR``); plain text, asking nothing, elsewhere."""
    if not (interactive and color):
        return Console(out, interactive)
    from homeostasis.ui.line_input import line_reader
    from homeostasis.ui.rich_console import RichConsole

    return RichConsole(out, line_reader(history))
