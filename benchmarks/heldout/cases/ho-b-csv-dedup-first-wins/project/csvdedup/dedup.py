"""Finding duplicate rows by a key made of some of their columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

Row = dict[str, str]


@dataclass
class DedupResult:
    kept: list[Row] = field(default_factory=list)
    duplicates: list[Row] = field(default_factory=list)


def make_key(row: Row, columns: Sequence[str], normalize: bool = True) -> tuple[str, ...]:
    """The row's key: the values of ``columns``, trimmed and case-folded when ``normalize``."""
    missing = [c for c in columns if c not in row]
    if missing:
        raise KeyError(f"row has no column(s) {', '.join(missing)}")
    values = (row[c] or "" for c in columns)
    if normalize:
        return tuple(" ".join(v.split()).casefold() for v in values)
    return tuple(values)


def dedup(rows: Iterable[Row], columns: Sequence[str], normalize: bool = True) -> DedupResult:
    """Keep the first row seen for each key, in input order; later rows with the
    same key go to ``duplicates``, also in input order."""
    if not columns:
        raise ValueError("need at least one key column")
    first: dict[tuple[str, ...], Row] = {}
    result = DedupResult()
    for row in rows:
        key = make_key(row, columns, normalize)
        if key in first:
            result.duplicates.append(row)
        first[key] = row
    result.kept = list(first.values())
    return result
