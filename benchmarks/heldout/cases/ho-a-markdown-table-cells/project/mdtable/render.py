"""Turning headers and rows into markdown."""

from __future__ import annotations

from typing import Any, Sequence

from mdtable.align import pad, separator


def _cell_text(value: Any) -> str:
    """How a value shows in a cell: floats without trailing zeros, missing values empty,
    and pipes escaped so they do not split the cell."""
    if isinstance(value, float):
        text = f"{value:g}"
    else:
        text = str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def render_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    align: Sequence[str] | None = None,
) -> str:
    """A markdown table; rows shorter than the header are filled with empty cells."""
    if not headers:
        raise ValueError("a table needs at least one column")
    count = len(headers)
    align = list(align or ["left"] * count)
    if len(align) != count:
        raise ValueError("one alignment per column")
    body = []
    for row in rows:
        if len(row) > count:
            raise ValueError(f"row has {len(row)} cells, the table {count} columns")
        cells = list(row) + [None] * (count - len(row))
        body.append([_cell_text(v) for v in cells])
    head = [_cell_text(h) for h in headers]
    widths = [max(3, len(head[i]), *(len(r[i]) for r in body)) for i in range(count)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(pad(c, a, w) for c, a, w in zip(cells, align, widths)) + " |"

    lines = [line(head), "| " + " | ".join(separator(a, w) for a, w in zip(align, widths)) + " |"]
    lines.extend(line(r) for r in body)
    return "\n".join(lines) + "\n"
