"""Counting one question's answers per segment."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from survey.responses import Response


@dataclass
class Crosstab:
    question: str
    segments: list[str]
    counts: dict[str, Counter[str]] = field(default_factory=dict)

    def answers(self) -> list[str]:
        """Answers, most frequent overall first, ties alphabetically."""
        totals = {a: sum(c.values()) for a, c in self.counts.items()}
        return sorted(totals, key=lambda a: (-totals[a], a))

    def segment_size(self, segment: str) -> int:
        return sum(c[segment] for c in self.counts.values())


def crosstab(responses: Iterable[Response], question: str) -> Crosstab:
    """Counts of each answer to ``question`` by segment; non-answers are left out."""
    responses = list(responses)
    table = Crosstab(question, sorted({r.segment for r in responses}))
    for r in responses:
        answer = r.answers.get(question)
        if answer:
            table.counts.setdefault(answer, Counter())[r.segment] += 1
    return table
