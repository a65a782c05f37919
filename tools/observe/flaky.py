"""Flaky tests: a test that fails and then passes on the same code is not evidence of a bug,
nor of a fix. The baseline's failing tests are run again (a few times, within a time budget)
and those that pass at least once are marked ``flaky``, left out of what a fix is judged by.
A candidate's run that breaks a passing test has that test run again, and a test that passes
then is not held against the candidate. Reruns cost only where a test failed.

A test stopped at its deadline (:mod:`.deadlines`) is not run again: each rerun would wait out
the whole deadline once more, and a test that hung is what is to be repaired, not noise. (A
candidate whose run hangs fails on that, before any passing test it broke is rerun.)
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence

from homeostasis.core.records import Flaky, TestRun
from homeostasis.tools.observe.deadlines import hung
from homeostasis.tools.observe.runner import TestCommand, run_tests
from homeostasis.tools.sandbox.base import Workspace

#: Runs of the failing tests after the one that found them failing: a test that fails half
#: of the time is caught with probability 1 - 0.5**4 (94 %).
RERUNS = 4
#: Reruns stop early once they have taken this long, or the baseline's duration if longer.
RERUN_BUDGET = 10.0


def rerun_failing(ws: Workspace, command: TestCommand, timeout: float, run: TestRun,
                  times: int = RERUNS) -> TestRun:
    """``run`` with each failing test that passes when run again (up to ``times`` more runs in
    ``ws``) marked ``flaky``, its failure dropped and counted in ``run.flaky``; tests that hung
    are not run again."""
    stuck = set(hung(run))
    ids = [r.test_id for r in run.results if r.outcome in ("failed", "error")
           and not r.collection_error and r.test_id not in stuck]
    if not ids or not command.is_pytest:
        return run
    passes = count_passes(ws, command, timeout, ids, times,
                          budget=max(RERUN_BUDGET, run.duration))
    return mark_flaky(run, passes)


def count_passes(ws: Workspace, command: TestCommand, timeout: float, ids: Sequence[str],
                 times: int, budget: float | None = None) -> dict[str, tuple[int, int]]:
    """Run ``ids`` again up to ``times`` times (fewer when ``budget`` seconds run out, at
    least once); for each test, (runs it passed, runs made) counting the first, failed run."""
    passed = dict.fromkeys(ids, 0)
    made, start = 1, time.monotonic()
    for _ in range(times):
        again = run_tests(ws, command, timeout, ids=ids)
        if again.status != "ok":  # a hang or a limit: no more evidence to be had
            break
        made += 1
        for test_id in again.passing_ids:
            if test_id in passed:
                passed[test_id] += 1
        if budget is not None and time.monotonic() - start > budget:
            break
    return {t: (n, made) for t, n in passed.items()}


def flaky_of(passes: dict[str, tuple[int, int]]) -> tuple[Flaky, ...]:
    """The tests that passed at least once."""
    return tuple(Flaky(t, n, made) for t, (n, made) in passes.items() if n)


def mark_flaky(run: TestRun, passes: dict[str, tuple[int, int]]) -> TestRun:
    """``run`` with the tests that passed at least once marked flaky."""
    flaky = flaky_of(passes)
    if not flaky:
        return run
    names = {f.test_id for f in flaky}
    return dataclasses.replace(
        run,
        results=tuple(dataclasses.replace(r, outcome="flaky") if r.test_id in names else r
                      for r in run.results),
        failures=tuple(f for f in run.failures if f.test_id not in names),
        flaky=run.flaky + flaky,
    )


def recheck_broken(ws: Workspace, command: TestCommand, timeout: float,
                   ids: Sequence[str]) -> tuple[Flaky, ...]:
    """The tests among ``ids`` (passing before, failing in a candidate's run in ``ws``) that
    pass when run again: one rerun for all, and more only for those that passed in it."""
    first = count_passes(ws, command, timeout, ids, 1)
    again = [t for t, (n, _) in first.items() if n]
    if not again:
        return ()
    more = count_passes(ws, command, timeout, again, RERUNS - 1)
    return tuple(Flaky(t, first[t][0] + more[t][0], first[t][1] + more[t][1] - 1)
                 for t in again)
