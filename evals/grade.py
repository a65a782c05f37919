"""Grading: is an instance sound before repair, and is the repaired project plausible or
correct? Every test run happens in a sandbox copy; the project given is never changed. Each
test has the settings' per-test deadline, as in the loop."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from homeostasis.core.config import Settings
from homeostasis.core.records import TestRun
from homeostasis.evals.instances import Instance
from homeostasis.evals.results import EvalStatus
from homeostasis.tools.observe.runner import TestCommand, run_tests
from homeostasis.tools.sandbox.base import Sandbox
from homeostasis.tools.sandbox.choose import open_sandbox
from homeostasis.tools.sandbox.snapshot import Snapshot


def run_in_sandbox(
    project: Path, command: TestCommand, ids: Sequence[str], timeout: float,
    settings: Settings | None = None,
) -> TestRun:
    """One test run (only ``ids`` when given) on a snapshot of ``project`` in a fresh sandbox
    of the kind ``settings`` name (local by default), removed afterwards."""
    with _sandbox(project, settings) as sandbox:
        return _run(sandbox, project, command, ids, timeout)


@contextmanager
def _sandbox(project: Path, settings: Settings | None) -> Iterator[Sandbox]:
    sandbox = open_sandbox(settings or Settings(), project, lambda _: None)
    try:
        yield sandbox
    finally:
        sandbox.close()


def _run(sandbox: Sandbox, project: Path, command: TestCommand, ids: Sequence[str],
         timeout: float) -> TestRun:
    """A run of ``ids`` on a snapshot of ``project`` taken into ``sandbox``."""
    snapshot = Snapshot.take(project, Path(tempfile.mkdtemp(dir=sandbox.base)) / "snapshot")
    with sandbox.workspace(snapshot) as ws:
        return run_tests(ws, command, timeout, ids=ids)


def _command(instance: Instance, settings: Settings | None) -> TestCommand:
    """The instance's test command, each test with the settings' deadline."""
    return TestCommand.parse(instance.test_cmd,
                             test_timeout=(settings or Settings()).test_timeout)


def _not_passed(run: TestRun, ids: Sequence[str]) -> list[str]:
    """The ids in ``ids`` that did not pass in ``run``."""
    passed = set(run.passing_ids)
    return [t for t in ids if t not in passed]


def not_failing_before(project: Path, instance: Instance, timeout: float,
                       settings: Settings | None = None) -> str | None:
    """Why the instance is broken (a FAIL_TO_PASS test that does not fail on the unrepaired
    project, or tests that cannot run), or None when it is sound."""
    run = run_in_sandbox(project, _command(instance, settings), instance.fail_to_pass, timeout,
                         settings)
    return unsound(run, instance)


def unsound(before: TestRun, instance: Instance) -> str | None:
    """Why the instance is broken, judged by a run ``before`` repair that ran its
    FAIL_TO_PASS tests (a run of the whole suite will do, such as the loop's baseline): a
    FAIL_TO_PASS test that did not fail, or tests that could not run; None when it is sound."""
    if before.status != "ok":
        return f"tests do not run before repair: {before.detail}"
    failing = set(before.failing_ids)
    passing = [t for t in instance.fail_to_pass if t not in failing]
    if passing:
        return f"FAIL_TO_PASS test(s) do not fail before repair: {', '.join(passing[:3])}"
    return None


def grade(project: Path, instance: Instance, timeout: float, settings: Settings | None = None
          ) -> tuple[EvalStatus, str]:
    """``plausible`` when FAIL_TO_PASS and PASS_TO_PASS all pass in ``project``; ``correct``
    when, in addition, the hidden tests (copied over a copy of it) pass. Both runs share one
    sandbox (its set-up, and a warm pytest server, are paid for once)."""
    command = _command(instance, settings)
    visible = [*instance.fail_to_pass, *instance.pass_to_pass]
    with _sandbox(project, settings) as sandbox:
        run = _run(sandbox, project, command, visible, timeout)
        failed = _not_passed(run, visible) if run.status == "ok" else visible
        if failed:
            why = run.detail if run.status != "ok" else f"{len(failed)} test(s) fail: {failed[0]}"
            return "unfixed", f"the applied fix does not pass the instance's tests ({why})"
        if instance.hidden_tests is None:
            return "plausible", "FAIL_TO_PASS and PASS_TO_PASS pass; no hidden tests to grade"
        with tempfile.TemporaryDirectory(prefix="homeostasis-grade-") as tmp:
            graded = Path(tmp) / "project"
            shutil.copytree(project, graded, symlinks=True)
            shutil.copytree(instance.hidden_tests, graded, dirs_exist_ok=True)
            hidden_ids = sorted(
                p.relative_to(instance.hidden_tests).as_posix()
                for p in instance.hidden_tests.rglob("*.py")
            )
            run = _run(sandbox, graded, command, hidden_ids, timeout)
    hidden_failed = list(run.failing_ids) if run.status == "ok" else ["(did not run)"]
    if run.status != "ok" or hidden_failed or not run.passing_ids:
        return "plausible", f"hidden tests fail: {', '.join(hidden_failed[:3]) or 'none ran'}"
    return "correct", f"visible and {len(run.passing_ids)} hidden test(s) pass"
