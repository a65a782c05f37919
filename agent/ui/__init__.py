"""What a person sees: :class:`Console` (plain text, for logs and pipes), its rich terminal
form (:mod:`.rich_console`), the line editor (:mod:`.line_input`) and the conversation about
the fixes (:mod:`.conversation`). Rich and prompt_toolkit are imported only when a terminal
needs them."""

from homeostasis.ui.console import Console

__all__ = ["Console"]
