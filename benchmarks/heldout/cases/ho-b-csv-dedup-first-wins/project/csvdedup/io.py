"""Reading and writing the CSV files."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Sequence

from csvdedup.dedup import DedupResult, Row, dedup


def read_rows(text: str) -> tuple[list[str], list[Row]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = [dict(r) for r in reader]
    return list(reader.fieldnames or []), rows


def write_rows(fieldnames: Sequence[str], rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(fieldnames), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def dedup_csv(source: Path, target: Path, columns: Sequence[str]) -> DedupResult:
    """Write ``source`` to ``target`` without duplicate rows; return what was found."""
    fieldnames, rows = read_rows(source.read_text(encoding="utf-8"))
    result = dedup(rows, columns)
    target.write_text(write_rows(fieldnames, result.kept), encoding="utf-8")
    return result
