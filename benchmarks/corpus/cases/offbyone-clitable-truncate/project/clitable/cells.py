"""Fitting a single cell's text into a column."""

from __future__ import annotations

ELLIPSIS = "…"


def fit(text: str, width: int) -> str:
    """``text`` shortened to at most ``width`` characters.

    Text that is too long is cut and ends in an ellipsis, which counts toward the
    width; text that fits comes back unchanged.
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    if len(text) <= width:
        return text
    return text[:width] + ELLIPSIS


def pad(text: str, width: int, align: str = "left") -> str:
    if align == "left":
        return text.ljust(width)
    if align == "right":
        return text.rjust(width)
    if align == "center":
        return text.center(width)
    raise ValueError(f"unknown alignment {align!r}")
