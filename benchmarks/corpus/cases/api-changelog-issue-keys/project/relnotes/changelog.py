from __future__ import annotations

from typing import Iterable

from relnotes.commits import Commit
from relnotes.subjects import issue_key, parse_subject

SECTIONS = (("feat", "Features"), ("fix", "Bug fixes"), ("perf", "Performance"))


def render(version: str, commits: Iterable[Commit]) -> str:
    """Markdown release notes: breaking changes first, then one section per known
    commit type (other types such as chore or docs are left out), then the issues
    referenced by any commit, in order of first mention."""
    breaking: list[str] = []
    sections: dict[str, list[str]] = {kind: [] for kind, _ in SECTIONS}
    issues: list[str] = []
    for commit in commits:
        key = issue_key(commit.subject)
        if key is not None and key not in issues:
            issues.append(key)
        subject = parse_subject(commit.subject)
        entry = f"- {subject.text} [{commit.sha}]"
        if subject.breaking:
            breaking.append(entry)
        elif subject.type in sections:
            sections[subject.type].append(entry)
    out = [f"## {version}"]
    if breaking:
        out += ["", "### Breaking changes", *breaking]
    for kind, title in SECTIONS:
        if sections[kind]:
            out += ["", f"### {title}", *sections[kind]]
    if issues:
        out += ["", "Issues: " + ", ".join(issues)]
    return "\n".join(out)
