"""Commit subjects follow Conventional Commits (``feat(scope): text``) and may mention
an issue-tracker key such as ``PAY-1234``."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TYPE = re.compile(r"(?P<type>[a-z]+)(?:\((?P<scope>[\w-]+)\))?(?P<breaking>!)?: ")
_ISSUE = re.compile(r"\b([A-Z][A-Z0-9]+-\d+)\b")


@dataclass(frozen=True)
class Subject:
    type: str | None
    scope: str | None
    breaking: bool
    text: str


def parse_subject(subject: str) -> Subject:
    """Split off the conventional-commit prefix, if the subject starts with one."""
    m = _TYPE.match(subject)
    if not m:
        return Subject(None, None, False, subject)
    return Subject(m["type"], m["scope"], bool(m["breaking"]), subject[m.end():])


def issue_key(subject: str) -> str | None:
    """The first issue key mentioned anywhere in ``subject``, or None."""
    m = _ISSUE.match(subject)
    return m.group(1) if m else None
