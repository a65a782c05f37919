"""Column alignment: the separator row and the padding of cells."""

from __future__ import annotations

ALIGNMENTS = ("left", "center", "right")


def separator(alignment: str, width: int) -> str:
    if alignment not in ALIGNMENTS:
        raise ValueError(f"unknown alignment {alignment!r}")
    width = max(width, 3)
    if alignment == "center":
        return ":" + "-" * (width - 2) + ":"
    if alignment == "right":
        return "-" * (width - 1) + ":"
    return "-" * width


def pad(text: str, alignment: str, width: int) -> str:
    if alignment == "right":
        return text.rjust(width)
    if alignment == "center":
        return text.center(width)
    return text.ljust(width)


def alignment_of(cell: str) -> str:
    cell = cell.strip()
    if cell.startswith(":") and cell.endswith(":"):
        return "center"
    if cell.endswith(":"):
        return "right"
    return "left"
