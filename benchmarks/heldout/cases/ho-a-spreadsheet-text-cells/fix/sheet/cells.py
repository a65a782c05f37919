"""Cell addresses and literal cell contents."""

from __future__ import annotations

import re

_REF = re.compile(r"^([A-Z]+)([1-9]\d*)$")


def parse_ref(ref: str) -> tuple[int, int]:
    """``"B12"`` -> ``(1, 11)``: zero-based column and row."""
    match = _REF.match(ref.strip().upper())
    if not match:
        raise ValueError(f"bad cell reference {ref!r}")
    letters, digits = match.groups()
    col = 0
    for ch in letters:
        col = col * 26 + (ord(ch) - ord("A") + 1)
    return col - 1, int(digits) - 1


def make_ref(col: int, row: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return f"{letters}{row + 1}"


def expand_range(spec: str) -> list[str]:
    """``"A1:B2"`` -> ``["A1", "A2", "B1", "B2"]`` (column by column)."""
    first, _, last = spec.partition(":")
    c1, r1 = parse_ref(first)
    c2, r2 = parse_ref(last or first)
    return [make_ref(c, r) for c in range(min(c1, c2), max(c1, c2) + 1)
            for r in range(min(r1, r2), max(r1, r2) + 1)]


def coerce(raw: str) -> int | float | str | None:
    """What typed text means: blank is None, numbers are numbers, anything else is text."""
    text = raw.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text
