"""Build a table of contents for a Markdown document."""
import re
from typing import List, NamedTuple


class Heading(NamedTuple):
    level: int
    title: str
    anchor: str


def anchor(title: str) -> str:
    """GitHub-style anchor: lower case, punctuation dropped, spaces to dashes."""
    text = re.sub(r"[^\w\- ]", "", title.strip().lower())
    return text.replace(" ", "-")


def heading_level(line: str) -> int:
    """1-6 for an ATX heading ('## Title'), 0 for anything else."""
    if not line.startswith("#"):
        return 0
    level = line.count("#")
    if level > 6 or not line[level:].startswith(" "):
        return 0
    return level


def headings(markdown: str) -> List[Heading]:
    out = []
    in_code = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            in_code = not in_code
            continue
        level = 0 if in_code else heading_level(line)
        if level:
            title = line[level:].strip().rstrip("#").strip()
            out.append(Heading(level, title, anchor(title)))
    return out


def toc(markdown: str, max_level: int = 3) -> str:
    items = [h for h in headings(markdown) if h.level <= max_level]
    if not items:
        return ""
    base = min(h.level for h in items)
    return "\n".join(f"{'  ' * (h.level - base)}- [{h.title}](#{h.anchor})" for h in items)
