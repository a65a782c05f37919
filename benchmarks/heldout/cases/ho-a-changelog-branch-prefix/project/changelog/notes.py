"""Markdown release notes grouped by kind of change."""

from __future__ import annotations

from typing import Iterable

from changelog.branches import classify

SECTIONS = [("feature", "Features"), ("fix", "Fixes"), ("docs", "Documentation")]


def release_notes(version: str, merged: Iterable[str]) -> str:
    """Notes for ``version``; chores and unknown branches are left out."""
    branches = [classify(name) for name in merged]
    out = [f"## {version}", ""]
    for kind, heading in SECTIONS:
        entries = sorted({b.title + (f" ({b.ticket})" if b.ticket else "") for b in branches if b.kind == kind})
        if not entries:
            continue
        out.append(f"### {heading}")
        out.extend(f"- {entry}" for entry in entries)
        out.append("")
    return "\n".join(out).rstrip() + "\n"
