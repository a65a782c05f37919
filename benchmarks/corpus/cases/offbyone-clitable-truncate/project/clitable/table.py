"""Putting cells, columns and borders together."""

from __future__ import annotations

from typing import Any, Sequence

from clitable.cells import fit, pad
from clitable.columns import Column


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render(columns: Sequence[Column], rows: Sequence[dict[str, Any]]) -> str:
    widths = [c.width_for(rows) for c in columns]
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    header = _line([pad(fit(c.title, w), w, "center") for c, w in zip(columns, widths)])
    body = [
        _line([pad(fit(c.text(row), w), w, c.align) for c, w in zip(columns, widths)])
        for row in rows
    ]
    return "\n".join([rule, header, rule, *body, rule])
