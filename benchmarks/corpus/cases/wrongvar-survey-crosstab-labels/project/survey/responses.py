"""One response per line: ``respondent; segment; question=answer; question=answer ...``."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Response:
    respondent: str
    segment: str
    answers: dict[str, str] = field(default_factory=dict, hash=False)


def load_responses(text: str) -> list[Response]:
    responses, seen = [], set()
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split(";")]
        if len(fields) < 2 or not fields[0] or not fields[1]:
            raise ValueError(f"line {lineno}: expected 'respondent; segment; ...'")
        if fields[0] in seen:
            raise ValueError(f"line {lineno}: respondent {fields[0]!r} answered twice")
        seen.add(fields[0])
        answers = {}
        for pair in fields[2:]:
            question, sep, answer = pair.partition("=")
            if not sep:
                raise ValueError(f"line {lineno}: expected 'question=answer', got {pair!r}")
            answers[question.strip()] = answer.strip().lower()
        responses.append(Response(fields[0], fields[1], answers))
    return responses
