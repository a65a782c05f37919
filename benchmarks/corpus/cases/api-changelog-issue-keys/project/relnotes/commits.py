from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

_SHA = re.compile(r"[0-9a-f]{7,40}")


@dataclass(frozen=True)
class Commit:
    sha: str
    subject: str


def parse_log(lines: Iterable[str]) -> list[Commit]:
    """Lines of ``<abbreviated sha> <subject>``; blank lines are skipped."""
    commits = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        sha, _, subject = line.partition(" ")
        if not _SHA.fullmatch(sha) or not subject.strip():
            raise ValueError(f"not a log line: {line!r}")
        commits.append(Commit(sha, subject.strip()))
    return commits
