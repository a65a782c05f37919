"""Guards: rules a candidate must keep before it is even tried.

Every edited path stays inside the project; tests and CI configuration are read-only to
candidates, and no candidate may switch a test off. Each guard returns a reason when it
rejects, None when the candidate may go on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath

from homeostasis.core.project import is_ci_path, is_test_path
from homeostasis.core.records import Candidate

#: Source patterns that skip or neutralise tests, wherever a candidate adds them.
_SKIP_PATTERNS = (
    (re.compile(r"pytest\.mark\.(skip|skipif|xfail)\b"), "adds a pytest skip/xfail marker"),
    (re.compile(r"\bpytest\.(skip|xfail|exit)\s*\("), "calls pytest.skip/xfail/exit"),
    (re.compile(r"\bunittest\.(skip|skipIf|skipUnless|expectedFailure)\b"),
     "adds a unittest skip"),
    (re.compile(r"\bself\.skipTest\s*\("), "calls skipTest"),
    (re.compile(r"\braise\s+(unittest\.)?SkipTest\b"), "raises SkipTest"),
    (re.compile(r"\b(os\._exit|sys\.exit)\s*\("), "exits the interpreter"),
)

Guard = Callable[[Candidate, Mapping[str, str], Mapping[str, str]], str | None]


def outside_project(root: Path, paths: Iterable[str]) -> str | None:
    """A reason to reject edits to a file outside the project at ``root``: an absolute path,
    one with a ``..`` part, or one that a symlink in the tree leads elsewhere. Checked before
    any edited file is read or written: the edits are applied to files on this machine."""
    inside = root.resolve()
    for path in sorted(set(paths)):
        pure = PurePosixPath(path)
        if not path or pure.is_absolute():
            why = "an absolute path" if path else "an empty path"
        elif ".." in pure.parts:
            why = "a path with '..'"
        elif not (root / path).resolve().is_relative_to(inside):
            why = "a symlink leads outside the project"
        else:
            continue
        return f"edits a file outside the project: {path!r} ({why})"
    return None


def no_test_edits(cand: Candidate, old: Mapping[str, str], new: Mapping[str, str]) -> str | None:
    touched = sorted(p for p in new if is_test_path(p))
    return f"edits test file {touched[0]}" if touched else None


def no_ci_edits(cand: Candidate, old: Mapping[str, str], new: Mapping[str, str]) -> str | None:
    touched = sorted(p for p in new if is_ci_path(p))
    return f"edits CI/test configuration {touched[0]}" if touched else None


def no_new_skips(cand: Candidate, old: Mapping[str, str], new: Mapping[str, str]) -> str | None:
    for path in sorted(new):
        before = old.get(path, "")
        for pattern, what in _SKIP_PATTERNS:
            if len(pattern.findall(new[path])) > len(pattern.findall(before)):
                return f"{what} in {path}"
    return None


GUARDS: tuple[Guard, ...] = (no_test_edits, no_ci_edits, no_new_skips)


def check_guards(
    cand: Candidate, old: Mapping[str, str], new: Mapping[str, str]
) -> str | None:
    """The first guard's reason to reject the candidate whose edits turn the texts ``old`` into
    ``new`` (both keyed by project path, touched files only), or None when all guards pass."""
    for guard in GUARDS:
        reason = guard(cand, old, new)
        if reason:
            return reason
    return None


def lowered_collection(baseline: int, after: int | None) -> str | None:
    """A reason to reject when fewer tests are collected after the candidate than before."""
    if after is not None and after < baseline:
        return f"lowers the number of collected tests from {baseline} to {after}"
    return None
