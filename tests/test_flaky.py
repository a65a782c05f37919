"""Flaky tests through the real local sandbox: a failing test that passes when run again is
left out of the baseline's failing tests; a passing test a candidate's run failed that passes
when run again does not count against the candidate. The flaky tests here fail on their first
run in a workspace and pass after (state left in the working folder: a real kind of flakiness,
and one that makes the test deterministic)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import write_files
from homeostasis.core.records import Candidate, Edit, Flaky
from homeostasis.tools.observe.baseline import observe
from homeostasis.tools.observe.flaky import RERUNS
from homeostasis.tools.observe.runner import TestCommand
from homeostasis.tools.sandbox.local.sandbox import LocalSandbox
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.trial.candidate import TrialPlan, trial_candidate

pytestmark = pytest.mark.slow

PYTEST = TestCommand((sys.executable, "-m", "pytest"))
FIRST_RUN_FAILS = (
    "import os\n\n"
    "def first_run_here():\n"
    "    if os.path.exists('ran.marker'):\n"
    "        return False\n"
    "    open('ran.marker', 'w').close()\n"
    "    return True\n"
)
PROJECT = {
    "pytest.ini": "[pytest]\npythonpath = .\n",
    "calc.py": "def add(a, b):\n    return a - b\n",
    "tests/flakiness.py": FIRST_RUN_FAILS,
    "tests/test_calc.py": (
        "from calc import add\n"
        "from flakiness import first_run_here\n\n"
        "def test_add():\n    assert add(2, 3) == 5\n\n"
        "def test_cache_is_warm():\n    assert not first_run_here()\n\n"
        "def test_zero():\n    assert add(2, 0) == 2\n"
    ),
}


def _snapshot(tmp_path: Path, files: dict[str, str | bytes]) -> Snapshot:
    write_files(tmp_path / "p", files)
    (tmp_path / "p" / "tests" / "conftest.py").write_text(
        "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n")
    return Snapshot.take(tmp_path / "p", tmp_path / "snap")


def test_a_failing_test_that_passes_when_run_again_is_left_out_and_counted(
        tmp_path: Path, sandbox: LocalSandbox) -> None:
    baseline, _ = observe(sandbox, _snapshot(tmp_path, PROJECT), PYTEST, 60)
    assert baseline.failing_ids == ("tests/test_calc.py::test_add",)
    assert baseline.flaky == (Flaky("tests/test_calc.py::test_cache_is_warm", RERUNS,
                                    RERUNS + 1),)
    assert "test_cache_is_warm" not in {f.test_id.split("::")[-1] for f in baseline.failures}
    assert "tests/test_calc.py::test_cache_is_warm" not in baseline.passing_ids
    assert baseline.collected == 3  # still collected: a candidate must not lose it


def test_a_real_failure_is_rerun_but_stays_a_failure(tmp_path: Path,
                                                     sandbox: LocalSandbox) -> None:
    files = dict(PROJECT)
    files["tests/test_calc.py"] = ("from calc import add\n\n"
                                   "def test_add():\n    assert add(2, 3) == 5\n")
    baseline, _ = observe(sandbox, _snapshot(tmp_path, files), PYTEST, 60)
    assert baseline.failing_ids == ("tests/test_calc.py::test_add",)
    assert baseline.flaky == ()


def test_a_passing_test_a_candidate_breaks_once_does_not_count_against_it(
        tmp_path: Path, sandbox: LocalSandbox) -> None:
    files = dict(PROJECT)
    # passes on the buggy code; with the fix, fails on its first run in a workspace
    files["tests/test_calc.py"] = (
        "from calc import add\nfrom flakiness import first_run_here\n\n"
        "def test_add():\n    assert add(2, 3) == 5\n\n"
        "def test_warm_when_fixed():\n    assert add(1, 1) != 2 or not first_run_here()\n"
    )
    snapshot = _snapshot(tmp_path, files)
    baseline, _ = observe(sandbox, snapshot, PYTEST, 60)
    assert baseline.passing_ids == ("tests/test_calc.py::test_warm_when_fixed",)
    plan = TrialPlan(PYTEST, baseline.failing_ids, frozenset(), baseline.passing_ids,
                     baseline.collected, 60)
    fix = Candidate("c1", "test", (Edit("calc.py", "    return a - b\n", "    return a + b\n"),),
                    "a - b → a + b")
    trial = trial_candidate(sandbox, snapshot, fix, plan)
    assert trial.status == "plausible", trial.reason
    assert [f.test_id for f in trial.flaky] == ["tests/test_calc.py::test_warm_when_fixed"]
    assert trial.flaky[0].passed >= 1
    assert "flaky" in trial.reason

    wrong = Candidate("c2", "test", (Edit("calc.py", "    return a - b\n", "    return a * b\n"),),
                      "a - b → a * b")
    assert trial_candidate(sandbox, snapshot, wrong, plan).status == "failed"
