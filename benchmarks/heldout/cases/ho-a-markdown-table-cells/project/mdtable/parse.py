"""Reading a markdown table back into headers and rows of strings."""

from __future__ import annotations

import re

_SPLIT = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [c.strip().replace("\\|", "|") for c in _SPLIT.split(line)]


def parse_table(text: str) -> tuple[list[str], list[list[str]]]:
    lines = [l for l in text.splitlines() if l.strip()]
    if len(lines) < 2:
        raise ValueError("a table needs a header and a separator row")
    headers = _cells(lines[0])
    return headers, [_cells(l) for l in lines[2:]]
