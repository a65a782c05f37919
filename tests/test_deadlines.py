"""Per-test deadlines: a test that hangs is stopped alone, named, and fails with a ``Timeout``
whose traceback ends at the line it was stuck on; the others' results stand. Real pytest runs
in the real sandboxes (warm server and fresh process), the plugin loaded from the workspace."""

from __future__ import annotations

import dataclasses
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import write_files, write_project
from homeostasis.cli import build_parser
from homeostasis.core.config import Settings, load_settings
from homeostasis.core.errors import UsageError
from homeostasis.core.records import Candidate, Edit, Failure, TestResult, TestRun
from homeostasis.evals.command import eval_settings
from homeostasis.tools.observe.baseline import observe
from homeostasis.tools.observe.deadlines import candidate_deadline, hung, measuring_deadline
from homeostasis.tools.observe.runner import TestCommand, run_tests
from homeostasis.tools.sandbox.local.sandbox import LocalSandbox
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.trial.candidate import TrialPlan, trial_candidate

LOOPING = "counting/sums.py"
SUMS = '''\
def total(n):
    """The sum of 0 .. n-1."""
    result, i = 0, 0
    while i < n:
        result += i
    return result
'''
#: The lines a test stuck in ``total`` can be stopped at.
LOOP_LINES = {4, 5}
TESTS = """\
from counting.sums import total


def test_empty():
    assert total(0) == 0


def test_three():
    assert total(3) == 3


def test_after_the_hang():
    assert total(0) == 0
"""
PROJECT: dict[str, str | bytes] = {
    "counting/__init__.py": "", LOOPING: SUMS, "tests/test_sums.py": TESTS,
}
STUCK = "tests/test_sums.py::test_three"


def _command(seconds: float | None) -> TestCommand:
    return TestCommand((sys.executable, "-m", "pytest"), test_timeout=seconds)


@pytest.fixture(params=["warm", "fresh"])
def any_local(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LocalSandbox]:
    """The local sandbox, its runs forked from the warm server or started fresh."""
    (tmp_path / "sandbox").mkdir()
    sb = LocalSandbox(tmp_path / "sandbox", warm=request.param == "warm")
    yield sb
    sb.close()


def _run(sandbox: Any, tmp_path: Path, files: dict[str, str | bytes], seconds: float | None,
         timeout: float = 60, **kw: Any) -> TestRun:
    snapshot = Snapshot.take(write_project(tmp_path / "p", files), tmp_path / "snap")
    with sandbox.workspace(snapshot) as ws:
        return run_tests(ws, _command(seconds), timeout, **kw)


@pytest.mark.slow
def test_a_looping_test_fails_alone_with_a_timeout_at_the_looping_line(
        any_local: LocalSandbox, tmp_path: Path) -> None:
    start = time.monotonic()
    run = _run(any_local, tmp_path, PROJECT, seconds=1, timeout=60)
    assert time.monotonic() - start < 20  # the suite's deadline, 60 s, was never near
    assert run.status == "ok"
    outcomes = {r.test_id: r.outcome for r in run.results}
    assert outcomes == {"tests/test_sums.py::test_empty": "passed", STUCK: "failed",
                        "tests/test_sums.py::test_after_the_hang": "passed"}
    (failure,) = run.failures
    assert (failure.test_id, failure.exc_type) == (STUCK, "Timeout")
    assert failure.message == "the test did not finish within 1s"
    innermost = failure.project_frames[-1]
    assert (innermost.path, innermost.function) == (LOOPING, "total")
    assert innermost.line in LOOP_LINES
    assert hung(run) == (STUCK,)


@pytest.mark.docker
def test_the_deadline_holds_in_the_docker_sandbox_too(tmp_path: Path) -> None:
    # imported here: the Docker SDK is slow to import and only this test needs it
    from docker_support import docker_or_skip
    from homeostasis.tools.sandbox.docker.sandbox import DockerSandbox

    client = docker_or_skip()
    sandbox = DockerSandbox(client=client, containers=1)
    try:
        run = _run(sandbox, tmp_path, PROJECT, seconds=1, timeout=60)
    finally:
        sandbox.close()
        client.close()
    assert run.status == "ok"
    assert hung(run) == (STUCK,)
    assert run.failing_ids == (STUCK,)
    innermost = run.failures[0].project_frames[-1]
    assert (innermost.path, innermost.line in LOOP_LINES) == (LOOPING, True)


@pytest.mark.slow
def test_without_a_test_timeout_the_hang_ends_the_whole_run(
        sandbox: LocalSandbox, tmp_path: Path) -> None:
    run = _run(sandbox, tmp_path, PROJECT, seconds=None, timeout=3)
    assert run.status == "timeout"
    assert STUCK in run.detail


HANGING_FIXTURES = """\
import time

import pytest


def spin():
    while True:
        time.sleep(0.01)


@pytest.fixture
def never_ready():
    spin()


@pytest.fixture
def never_closes():
    yield
    spin()


def test_setup_hangs(never_ready):
    pass


def test_teardown_hangs(never_closes):
    pass


def test_swallows_exceptions():
    while True:
        try:
            spin()
        except Exception:
            pass


def test_fine():
    pass
"""


@pytest.mark.slow
def test_setup_teardown_and_swallowing_loops_are_stopped_too(
        sandbox: LocalSandbox, tmp_path: Path) -> None:
    run = _run(sandbox, tmp_path, {"tests/test_fixtures.py": HANGING_FIXTURES}, seconds=1)
    assert run.status == "ok"
    outcomes = {r.test_id.split("::")[-1]: r.outcome for r in run.results}
    assert outcomes == {"test_setup_hangs": "error", "test_teardown_hangs": "error",
                        "test_swallows_exceptions": "failed", "test_fine": "passed"}
    assert {t.split("::")[-1] for t in hung(run)} == {
        "test_setup_hangs", "test_teardown_hangs", "test_swallows_exceptions"}
    for failure in run.failures:
        assert failure.frames[-2].function == "spin", failure.output


BLOCKS_SIGALRM = """\
import signal
import time


def test_blocks_the_alarm():
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    while True:
        time.sleep(0.01)
"""


@pytest.mark.slow
def test_a_test_that_blocks_the_alarm_is_still_ended_by_the_runs_deadline(
        sandbox: LocalSandbox, tmp_path: Path) -> None:
    start = time.monotonic()
    run = _run(sandbox, tmp_path, {"tests/test_blocks.py": BLOCKS_SIGALRM}, seconds=1,
               timeout=4)
    assert time.monotonic() - start < 15
    assert run.status == "timeout"
    assert "tests/test_blocks.py::test_blocks_the_alarm" in run.detail


@pytest.mark.slow
def test_stop_on_hang_ends_the_run_at_the_first_hang(sandbox: LocalSandbox,
                                                     tmp_path: Path) -> None:
    files = {**PROJECT, "tests/test_sums.py": TESTS + "\n\ndef test_four():\n"
             "    assert total(4) == 6\n"}
    run = _run(sandbox, tmp_path, files, seconds=1, stop_on_hang=True)
    assert run.status == "ok"
    assert hung(run) == (STUCK,)
    assert "tests/test_sums.py::test_four" not in {r.test_id for r in run.results}


@pytest.mark.slow
def test_a_hang_in_the_baseline_is_a_failing_test_and_is_not_rerun(
        sandbox: LocalSandbox, tmp_path: Path) -> None:
    snapshot = Snapshot.take(write_project(tmp_path / "p", PROJECT), tmp_path / "snap")
    start = time.monotonic()
    baseline, _ = observe(sandbox, snapshot, _command(2), 60)
    assert time.monotonic() - start < 4 * 2  # reruns would each wait out the deadline again
    assert baseline.failing_ids == (STUCK,)
    assert baseline.flaky == ()
    assert hung(baseline) == (STUCK,)


FIXED_SUMS = SUMS.replace("        result += i\n", "        result += i\n        i += 1\n")


@pytest.mark.slow
def test_a_candidate_that_hangs_is_cut_at_the_per_test_deadline(
        sandbox: LocalSandbox, tmp_path: Path) -> None:
    fixed = {**PROJECT, LOOPING: FIXED_SUMS}
    snapshot = Snapshot.take(write_project(tmp_path / "p", fixed), tmp_path / "snap")
    plan = TrialPlan(_command(1), failing=("tests/test_sums.py::test_empty",),
                     collection_errors=frozenset(),
                     passing=(STUCK, "tests/test_sums.py::test_after_the_hang"),
                     collected=3, timeout=60)
    breaks = Candidate("c1", "test", (Edit(LOOPING, "        i += 1\n", ""),),
                       "drops the increment")
    start = time.monotonic()
    trial = trial_candidate(sandbox, snapshot, breaks, plan)
    assert time.monotonic() - start < 20
    assert trial.status == "failed"
    assert trial.reason == f"hangs: {STUCK}"


def _result(test_id: str, outcome: str, seconds: float) -> TestResult:
    return TestResult(test_id, outcome, seconds)  # type: ignore[arg-type]


def test_a_candidates_deadline_is_ten_times_the_slowest_finished_test_within_bounds() -> None:
    def deadline(*results: TestResult, ceiling: float = 30.0) -> float:
        return candidate_deadline(TestRun("ok", results), ceiling)

    assert deadline(_result("a", "passed", 0.01)) == 2.0  # the floor
    assert deadline(_result("a", "passed", 0.5), _result("b", "failed", 0.8)) == 8.0
    assert deadline(_result("a", "passed", 0.5), ceiling=3.0) == 3.0
    assert deadline() == 2.0
    stuck = TestRun("ok", (_result("a", "passed", 0.3), _result("b", "failed", 30.0)),
                    (_timeout("b"),))
    assert candidate_deadline(stuck, 30.0) == 3.0  # the hung test's 30 s do not count


def test_the_measuring_run_gets_three_times_a_candidates_deadline_within_the_baselines() -> None:
    assert measuring_deadline(2.0, Settings(test_timeout=30.0)) == 6.0
    assert measuring_deadline(20.0, Settings(test_timeout=30.0)) == 30.0


def _timeout(test_id: str) -> Failure:
    return Failure(test_id, "Timeout", "the test did not finish within 30s", ())


def test_only_the_plugins_timeout_counts_as_a_hang() -> None:
    run = TestRun("ok", failures=(
        _timeout("a"), Failure("b", "Timeout", "connection timed out", ()),
        Failure("c", "TimeoutError", "the test did not finish within 1s", ())))
    assert hung(run) == ("a",)


def test_test_timeout_is_a_setting_with_a_default_and_a_flag(tmp_path: Path) -> None:
    assert load_settings(None, {}, {}).test_timeout == 30.0
    assert load_settings(None, {"HOMEOSTASIS_TEST_TIMEOUT": "5"}, {}).test_timeout == 5.0
    write_files(tmp_path, {"pyproject.toml": "[tool.homeostasis]\ntest_timeout = 7\n"})
    assert load_settings(tmp_path, {}, {}).test_timeout == 7.0
    with pytest.raises(UsageError, match="test_timeout must be a positive float"):
        load_settings(None, {}, {"test_timeout": 0})
    args = build_parser().parse_args(["fix", "--test-timeout", "4"])
    assert args.test_timeout == 4.0
    args = build_parser().parse_args(["eval", "i.jsonl", "--test-timeout", "5"])
    assert eval_settings(args, {}).test_timeout == 5.0


def test_eval_takes_the_time_budget_and_enough_like_fix() -> None:
    defaults = eval_settings(build_parser().parse_args(["eval", "i.jsonl"]), {})
    assert (defaults.time_budget, defaults.enough, defaults.candidates) == (60.0, 1, None)
    given = build_parser().parse_args(["eval", "i.jsonl", "--time-budget", "9", "--enough", "3"])
    assert (eval_settings(given, {}).time_budget, eval_settings(given, {}).enough) == (9.0, 3)
    from_env = eval_settings(build_parser().parse_args(["eval", "i.jsonl"]),
                             {"HOMEOSTASIS_TIME_BUDGET": "20"})
    assert from_env.time_budget == 20.0


def test_parse_carries_the_test_timeout() -> None:
    command = TestCommand.parse("python -m pytest -q", test_timeout=3.0)
    assert command.test_timeout == 3.0
    assert dataclasses.replace(command, test_timeout=None).test_timeout is None
