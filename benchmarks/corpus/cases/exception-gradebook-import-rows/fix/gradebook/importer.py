"""Import scores from ``student,assignment,score`` sheets exported by the course site."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from gradebook.book import Gradebook

STUDENT_ID = re.compile(r"s\d{6}")


class RowError(ValueError):
    """A sheet row that cannot be imported."""


@dataclass
class ImportReport:
    imported: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_row(line: str) -> tuple[str, str, int]:
    fields = [f.strip() for f in line.split(",")]
    if len(fields) != 3:
        raise RowError(f"expected 3 fields, got {len(fields)}")
    student, assignment, raw_score = fields
    if not STUDENT_ID.fullmatch(student.lower()):
        raise RowError(f"bad student id {student!r}")
    return student.lower(), assignment.lower(), int(raw_score)


def import_scores(book: Gradebook, lines: Iterable[str]) -> ImportReport:
    """Record every valid row in ``book``; bad rows are reported by line number and skipped."""
    report = ImportReport()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or (number == 1 and line.lower().startswith("student")):
            continue
        try:
            student, assignment, score = parse_row(line)
            book.record(student, assignment, score)
        except (ValueError, KeyError) as exc:
            report.errors.append((number, str(exc)))
            continue
        report.imported += 1
    return report
