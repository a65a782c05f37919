"""Try one candidate: apply it to a private copy of the snapshot, run the failing tests first
(stopping at the first failure), then — only if they all pass — the whole suite, and judge.

A candidate is *plausible* when every failing test passes and every test that passed still
passes, no guard rejects it, and no fewer tests are collected than before. A test that runs past
the plan's per-test deadline (its command's ``test_timeout``) is stopped there and fails the
candidate ("hangs: <test>"); the whole suite then stops at the first such test.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import time
from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass

from homeostasis.core.edits import apply_edits
from homeostasis.core.errors import HomeostasisError, SandboxError
from homeostasis.core.records import CONTAINED, Candidate, TestRun, Trial
from homeostasis.tools.judge.guards import check_guards, lowered_collection, outside_project
from homeostasis.tools.observe.deadlines import hung
from homeostasis.tools.observe.flaky import recheck_broken
from homeostasis.tools.observe.runner import TestCommand, run_tests
from homeostasis.tools.sandbox.base import Sandbox
from homeostasis.tools.sandbox.snapshot import Snapshot


@dataclass(frozen=True)
class TrialPlan:
    """What the baseline run established, which every candidate is judged against: the
    command (whose ``test_timeout`` is a candidate's per-test deadline), the failing and passing
    tests, how many were collected, and ``timeout``, the deadline of one whole run;
    ``protected`` files may not be edited (besides the tests and CI configuration, which no
    candidate may edit)."""

    command: TestCommand
    failing: tuple[str, ...]
    collection_errors: frozenset[str]
    passing: tuple[str, ...]
    collected: int
    timeout: float
    protected: frozenset[str] = frozenset()


def fixed(run: TestRun, test_id: str, collection_errors: frozenset[str]) -> bool:
    """Whether ``test_id`` passes in ``run``. A collection error (its id is the file path, or
    the folder of a broken ``conftest.py``) counts as fixed when the file or folder collects
    and every test in it passes."""
    if test_id in collection_errors:
        inside = [r for r in run.results if r.test_id.startswith((test_id + "::", test_id + "/"))]
        still_broken = any(r.test_id == test_id for r in run.results)
        return bool(inside) and not still_broken and all(r.outcome == "passed" for r in inside)
    return any(r.test_id == test_id and r.outcome == "passed" for r in run.results)


def normalized_patch(new: Mapping[str, str]) -> str:
    """A hash of the patched files' syntax trees: candidates that differ only in layout or
    comments hash the same, and so count as votes for one patch."""
    h = hashlib.sha256()
    for path in sorted(new):
        h.update(_normal_form(path, new[path]).encode())
    return h.hexdigest()[:16]


@functools.lru_cache(maxsize=256)
def _normal_form(path: str, text: str) -> str:
    """The hash of one patched file's syntax tree (its text when it does not parse). Kept for
    the next asker: the search computes it before a candidate's trial does."""
    try:
        form = ast.dump(ast.parse(text))
    except (SyntaxError, ValueError):
        form = text
    return hashlib.sha256(f"{path}\0{form}".encode()).hexdigest()


def trial_candidate(
    sandbox: Sandbox, snapshot: Snapshot, cand: Candidate, plan: TrialPlan
) -> Trial:
    """Judge ``cand``; every outcome, a crash of the tests included, is a :class:`Trial`."""
    start = time.monotonic()

    def done(status: str, reason: str, **kw: object) -> Trial:
        return Trial(cand.id, status, reason, duration=time.monotonic() - start, **kw)  # type: ignore[arg-type]

    if cand.error:
        return done("error", cand.error)
    if not cand.edits:
        return done("error", "the candidate has no edits")
    touched = sorted({e.path for e in cand.edits})
    escape = outside_project(snapshot.root, touched)
    if escape:
        return done("rejected", escape)
    locked = [p for p in touched if p in plan.protected]
    if locked:
        return done("rejected", f"edits {locked[0]}, which this run keeps read-only")
    old = {p: t for p in touched if (t := snapshot.read(p)) is not None}
    try:
        new = apply_edits(old, cand.edits)
    except HomeostasisError as exc:
        return done("error", f"edits do not apply: {exc}")
    reason = check_guards(cand, old, new)
    if reason:
        return done("rejected", reason)
    norm = normalized_patch(new)
    with ExitStack() as stack:
        try:
            ws = stack.enter_context(sandbox.workspace(snapshot, new))
        except (OSError, UnicodeError) as exc:  # e.g. a character the file's encoding lacks
            return done("error", f"edits cannot be written: {exc}")
        except SandboxError as exc:  # the sandbox could not make the workspace
            return done("error", str(exc))
        first = run_tests(ws, plan.command, plan.timeout, ids=plan.failing, stop_first=True)
        runs: list[TestRun] = [first]
        if first.status in CONTAINED:
            return done("contained", f"{first.status}: {first.detail}", runs=tuple(runs),
                        normalized=norm, limit=first.status)
        f2p = {t: fixed(first, t, plan.collection_errors) for t in plan.failing}
        if first.status != "ok" or not all(f2p.values()):
            return done("failed", _why_failed(first, f2p), fail_to_pass=f2p, runs=tuple(runs),
                        normalized=norm)
        if plan.command.is_pytest:
            full = run_tests(ws, plan.command, plan.timeout, stop_on_hang=True)
            runs.append(full)
            if full.status in CONTAINED:
                return done("contained", f"{full.status}: {full.detail}", runs=tuple(runs),
                            normalized=norm, limit=full.status)
        else:
            full = first
        f2p = {t: fixed(full, t, plan.collection_errors) for t in plan.failing}
        passed = set(full.passing_ids)
        broken = tuple(t for t in plan.passing if t not in passed)
        # a run that hung or failed a failing test is decided: no rerun can save it
        decided = full.status != "ok" or bool(hung(full)) or not all(f2p.values())
        flaky = (recheck_broken(ws, plan.command, plan.timeout, broken)
                 if broken and not decided else ())
    broken = tuple(t for t in broken if t not in {f.test_id for f in flaky})
    if decided or broken:
        why = _why_failed(full, f2p) if decided else (
            f"breaks {len(broken)} passing test(s): {', '.join(broken[:3])}")
        return done("failed", why, fail_to_pass=f2p, pass_to_pass_broken=broken,
                    collected=full.collected, runs=tuple(runs), normalized=norm)
    lowered = lowered_collection(plan.collected, full.collected)
    if lowered:
        return done("rejected", lowered, fail_to_pass=f2p, collected=full.collected,
                    runs=tuple(runs), normalized=norm)
    but = f" (flaky, not counted: {', '.join(f.describe() for f in flaky)})" if flaky else ""
    return done(
        "plausible",
        f"{len(f2p)} failing test(s) now pass; {len(plan.passing)} passing test(s) still "
        f"pass{but}",
        fail_to_pass=f2p, collected=full.collected, runs=tuple(runs), normalized=norm,
        flaky=flaky,
    )


def _why_failed(run: TestRun, f2p: Mapping[str, bool]) -> str:
    if run.status != "ok":
        return f"tests {run.status}: {run.detail}"
    stuck = hung(run)
    if stuck:
        return f"hangs: {stuck[0]}" + (f" and {len(stuck) - 1} more" if len(stuck) > 1 else "")
    still = [t for t, ok in f2p.items() if not ok]
    more = f" and {len(still) - 1} more" if len(still) > 1 else ""
    detail = next((f"{f.exc_type}: {f.message}" for f in run.failures if f.test_id in still), "")
    return f"still failing: {still[0]}{more}" + (f" ({detail[:200]})" if detail else "")
