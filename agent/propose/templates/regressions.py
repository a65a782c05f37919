"""A recent change broke it: when the project is a git work tree, undo the latest change to a
suspect line, as SapFix does — an uncommitted edit back to HEAD, or else the hunk of the last
commit that touched the line back to what it was before that commit. Git is only read, never
written."""

from __future__ import annotations

import difflib
import subprocess
from collections.abc import Iterator
from pathlib import Path

from homeostasis.propose.templates.mutations import Mutation
from homeostasis.propose.templates.site import Site

_GIT_TIMEOUT = 10.0


def _git(repo: Path, *args: str) -> str | None:
    """Stdout of a read-only git command, or None when it fails (not a repo, no such rev)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, timeout=_GIT_TIMEOUT,
            check=False, stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", errors="replace")


def _hunk_before(old: str, new: str, line: int) -> tuple[list[str], list[str]] | None:
    """(lines of ``new``, lines of ``old`` they replaced) for the change in ``new`` that
    covers 1-based ``line``; None when that line was not changed."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal" and j1 < line <= max(j2, j1 + 1):
            return b[j1:j2], a[i1:i2]
    return None


def _revert(site: Site, changed: list[str], before: list[str], why: str) -> Iterator[Mutation]:
    """Put ``before`` back where ``changed`` stands in the file, at the suspect line."""
    text, block = site.source.text, "".join(changed)
    if not block:
        return
    start = text.find(block)
    while start != -1:
        first = text.count("\n", 0, start) + 1
        last = first + len(changed) - 1
        if first <= site.suspect.line <= last:
            yield Mutation(start, start + len(block), "".join(before), why,
                           (start, start + len(block)))
            return
        start = text.find(block, start + 1)


def revert_latest_change(site: Site) -> Iterator[Mutation]:
    """The uncommitted edit of the suspect line, else the last commit's change to it; nothing
    when the site has no repository or it is not in a git work tree."""
    top = None if site.repo is None else _git(site.repo, "rev-parse", "--show-toplevel")
    if site.repo is None or top is None:
        return
    root = Path(top.strip())
    rel = (site.repo.resolve() / site.path).resolve().relative_to(root).as_posix()
    head = _git(root, "show", f"HEAD:{rel}")
    if head is not None and head != site.source.text:
        hunk = _hunk_before(head, site.source.text, site.suspect.line)
        if hunk:
            yield from _revert(site, *hunk, "revert uncommitted change")
            return
    blame = _git(root, "blame", "--porcelain", "-L", f"{site.suspect.line},+1", "HEAD",
                 "--", rel)
    if not blame:
        return
    sha, orig_line = blame.split()[0], int(blame.split()[1])
    after = _git(root, "show", f"{sha}:{rel}")
    before = _git(root, "show", f"{sha}^:{rel}")
    if after is None or before is None:
        return
    hunk = _hunk_before(before, after, orig_line)
    if hunk:
        yield from _revert(site, *hunk, f"revert {sha[:8]}")
