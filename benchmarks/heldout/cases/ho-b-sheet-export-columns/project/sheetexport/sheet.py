"""A sparse sheet of cells."""

from __future__ import annotations

import csv
import io
from typing import Any, Iterable, Sequence

from sheetexport.cells import format_ref, parse_ref


class Sheet:
    def __init__(self, title: str) -> None:
        self.title = title
        self._cells: dict[tuple[int, int], Any] = {}

    def __setitem__(self, ref: str, value: Any) -> None:
        self._cells[parse_ref(ref)] = value

    def __getitem__(self, ref: str) -> Any:
        return self._cells.get(parse_ref(ref))

    def append_rows(self, rows: Iterable[Sequence[Any]]) -> None:
        """Write rows below the last used row, starting in column A."""
        start = max((r for r, _ in self._cells), default=0) + 1
        for offset, row in enumerate(rows):
            for col, value in enumerate(row, start=1):
                self._cells[(start + offset, col)] = value

    def used_range(self) -> str | None:
        """The smallest range holding every filled cell, e.g. ``"A1:C4"``; None if empty."""
        if not self._cells:
            return None
        rows = [r for r, _ in self._cells]
        cols = [c for _, c in self._cells]
        return f"{format_ref(min(rows), min(cols))}:{format_ref(max(rows), max(cols))}"

    def header_refs(self) -> dict[str, str]:
        """Header text in row 1 mapped to its column letters."""
        return {str(v): format_ref(1, c)[:-1] for (r, c), v in sorted(self._cells.items()) if r == 1}

    def to_csv(self) -> str:
        if not self._cells:
            return ""
        n_rows = max(r for r, _ in self._cells)
        n_cols = max(c for _, c in self._cells)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for r in range(1, n_rows + 1):
            writer.writerow(["" if self._cells.get((r, c)) is None else self._cells[(r, c)]
                             for c in range(1, n_cols + 1)])
        return out.getvalue()
