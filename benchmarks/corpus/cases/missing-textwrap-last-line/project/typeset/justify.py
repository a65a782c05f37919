"""Full justification: stretch lines to the width by widening the gaps between words."""

from __future__ import annotations

from typeset.wrap import paragraphs, wrap


def justify_line(line: str, width: int) -> str:
    """``line`` padded to ``width`` with extra spaces spread over its gaps, leftmost first.

    A line with a single word is left-aligned and padded on the right.
    """
    words = line.split()
    if len(words) < 2:
        return line.ljust(width)
    gaps = len(words) - 1
    spaces = width - sum(len(w) for w in words)
    base, extra = divmod(spaces, gaps)
    out = []
    for i, word in enumerate(words[:-1]):
        out.append(word)
        out.append(" " * (base + (1 if i < extra else 0)))
    out.append(words[-1])
    return "".join(out)


def justify_text(text: str, width: int) -> str:
    """Wrap and justify every paragraph; the last line of each paragraph stays ragged."""
    blocks = []
    for paragraph in paragraphs(text):
        lines = wrap(paragraph, width)
        body = [justify_line(line, width) for line in lines[:-1]]
        blocks.append("\n".join(body + lines[-1:]))
    return "\n\n".join(blocks)
