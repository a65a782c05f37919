"""Plain-text typesetting: wrapping and justifying paragraphs for fixed-width output."""

from typeset.justify import justify_line, justify_text
from typeset.wrap import fill, wrap

__all__ = ["fill", "justify_line", "justify_text", "wrap"]
