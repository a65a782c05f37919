"""Unified diffs between file versions, and the smallest unique search/replace edit that turns
one version of a file into another."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from homeostasis.core.records import Edit


def unified_diff(path: str, old: str, new: str, context: int = 3) -> str:
    """A ``git diff``-style unified diff of one file (empty when nothing changed)."""
    if old == new:
        return ""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
        n=context,
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def diff_files(old: Mapping[str, str], new: Mapping[str, str]) -> str:
    """The unified diff of every file whose text differs, in path order."""
    return "".join(unified_diff(p, old.get(p, ""), new[p]) for p in sorted(new))


def changed_lines(diff: str) -> int:
    """How many lines a unified diff adds or removes (headers not counted)."""
    return sum(
        1
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++ ", "--- "))
    )


def edit_from_texts(path: str, old: str, new: str) -> Edit:
    """The search/replace edit that turns ``old`` into ``new``: the changed lines, widened by
    whole lines of context until the search text occurs exactly once in ``old``."""
    if old == new:
        raise ValueError(f"{path}: the two texts are the same")
    a = old.splitlines(keepends=True)
    b = new.splitlines(keepends=True)
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(a), len(b)) - prefix
        and a[len(a) - 1 - suffix] == b[len(b) - 1 - suffix]
    ):
        suffix += 1
    start, end_a, end_b = prefix, len(a) - suffix, len(b) - suffix
    while True:
        search = "".join(a[start:end_a])
        if search and old.count(search) == 1:
            return Edit(path, search, "".join(b[start:end_b]))
        if start == 0 and end_a == len(a):
            return Edit(path, old, new)
        if start > 0:
            start -= 1
        if end_a < len(a):
            end_a += 1
            end_b += 1
