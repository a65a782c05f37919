from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from citrigger.refs import parse_ref
from citrigger.rules import Rule


@dataclass(frozen=True)
class PushEvent:
    ref: str
    deleted: bool = False


def jobs_for(event: PushEvent, rules: Sequence[Rule]) -> list[str]:
    """Names of the jobs to run for ``event``, in rule order, without duplicates."""
    if event.deleted:
        return []
    ref = parse_ref(event.ref)
    jobs: list[str] = []
    for rule in rules:
        if rule.matches(ref) and rule.job not in jobs:
            jobs.append(rule.job)
    return jobs
