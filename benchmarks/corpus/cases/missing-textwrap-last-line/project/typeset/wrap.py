"""Greedy line wrapping."""

from __future__ import annotations

import re

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``: blocks separated by blank lines, whitespace collapsed."""
    blocks = (" ".join(block.split()) for block in _PARAGRAPH_BREAK.split(text))
    return [block for block in blocks if block]


def wrap(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` characters.

    Words are kept whole where possible; a word longer than ``width`` is cut into
    ``width``-sized pieces. Runs of whitespace count as a single space.
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    lines: list[str] = []
    current: list[str] = []
    length = 0
    for word in text.split():
        while len(word) > width:
            if current:
                lines.append(" ".join(current))
                current, length = [], 0
            lines.append(word[:width])
            word = word[width:]
        needed = len(word) + (1 if current else 0)
        if current and length + needed > width:
            lines.append(" ".join(current))
            current, length = [word], len(word)
        else:
            current.append(word)
            length += needed
    return lines


def fill(text: str, width: int) -> str:
    """``text`` re-wrapped to ``width``, paragraphs separated by one blank line."""
    return "\n\n".join("\n".join(wrap(p, width)) for p in paragraphs(text))
