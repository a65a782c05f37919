"""Greedy word wrapping for fixed-width terminals and e-mails."""
from typing import List


def wrap(text: str, width: int) -> List[str]:
    """Split text into lines of at most ``width`` characters, breaking at spaces.

    Words longer than ``width`` get a line of their own. Runs of whitespace collapse.
    """
    if width < 1:
        raise ValueError("width must be positive")
    lines: List[str] = []
    line = ""
    for word in text.split():
        if not line:
            line = word
        elif len(line) + len(word) > width:
            lines.append(line)
            line = word
        else:
            line += " " + word
    if line:
        lines.append(line)
    return lines


def fill(text: str, width: int, indent: str = "") -> str:
    return "\n".join(indent + line for line in wrap(text, width - len(indent)))


def quote_reply(text: str, width: int = 72) -> str:
    """Re-wrap each paragraph and prefix it with '> ' as in a mail reply."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "\n>\n".join(fill(p, width, indent="> ") for p in paragraphs)
