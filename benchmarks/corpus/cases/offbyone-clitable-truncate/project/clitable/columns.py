"""Column definitions and sizing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence


@dataclass(frozen=True)
class Column:
    title: str
    key: str
    max_width: int = 20
    align: str = "left"
    formatter: Callable[[Any], str] = str

    def text(self, row: dict[str, Any]) -> str:
        value = row.get(self.key)
        return "" if value is None else self.formatter(value)

    def width_for(self, rows: Sequence[dict[str, Any]]) -> int:
        """Widest of the title and the cells, but no more than ``max_width``."""
        widest = max([len(self.title), *(len(self.text(r)) for r in rows)])
        return min(widest, self.max_width)
