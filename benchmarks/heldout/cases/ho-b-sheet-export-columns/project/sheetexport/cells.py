"""A1-style references: columns A..Z, AA..AZ, BA.. and 1-based rows."""

from __future__ import annotations

import re

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([1-9][0-9]*)$")


class BadReference(ValueError):
    """Not a valid A1-style cell reference."""


def column_name(index: int) -> str:
    """Letters of the 1-based column ``index``: 1 -> A, 26 -> Z, 27 -> AA, 703 -> AAA."""
    if index < 1:
        raise ValueError("columns are numbered from 1")
    name = ""
    while index > 0:
        index, rem = divmod(index, 26)
        name = chr(ord("A") + rem - 1) + name
    return name


def column_index(name: str) -> int:
    """Inverse of column_name: A -> 1, Z -> 26, AA -> 27."""
    if not name.isalpha() or not name.isascii():
        raise BadReference(f"bad column {name!r}")
    index = 0
    for letter in name.upper():
        index = index * 26 + (ord(letter) - ord("A") + 1)
    return index


def parse_ref(ref: str) -> tuple[int, int]:
    """``"B12"`` -> ``(12, 2)``: 1-based row and column. ``$`` anchors are ignored."""
    match = _REF.match(ref.strip())
    if not match:
        raise BadReference(f"bad cell reference {ref!r}")
    return int(match.group(2)), column_index(match.group(1))


def format_ref(row: int, column: int) -> str:
    if row < 1:
        raise ValueError("rows are numbered from 1")
    return f"{column_name(column)}{row}"
