"""trial_all: candidates tried in a real local sandbox on a tiny project, in parallel, reported
as they finish, returned in the order given, stopping once enough are plausible; and what
trial_candidate makes of one candidate."""

from __future__ import annotations

import dataclasses
import sys
import threading

import pytest
from homeostasis.core.config import Settings
from homeostasis.core.records import Candidate, Edit, TestResult, TestRun, Trial
from homeostasis.tools.observe.runner import TestCommand, run_tests
from homeostasis.tools.sandbox.local.sandbox import LocalSandbox
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.trial.candidate import TrialPlan, fixed, trial_candidate
from homeostasis.tools.trial.parallel import EXPLORE_AFTER_FIRST_FIX, trial_all

SOURCE = "def add(a, b):\n    return a - b\n\n\ndef sub(a, b):\n    return a - b\n"
TESTS = (
    "from calc import add, sub\n\n\n"
    "def test_add():\n    assert add(2, 3) == 5\n\n\n"
    "def test_sub():\n    assert sub(5, 3) == 2\n"
)
FAILING = "tests/test_calc.py::test_add"
PASSING = "tests/test_calc.py::test_sub"
BUG = "def add(a, b):\n    return a - b\n"


@pytest.fixture(scope="module")
def module_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    """One snapshot for the whole file (the baseline ``plan`` is run once), of a project whose
    ``add`` in calc.py subtracts: ``FAILING`` fails and ``PASSING`` passes."""
    base = tmp_path_factory.mktemp("trials")
    project = base / "project"
    (project / "tests").mkdir(parents=True)
    (project / "calc.py").write_text(SOURCE, encoding="utf-8")
    (project / "tests" / "test_calc.py").write_text(TESTS, encoding="utf-8")
    return Snapshot.take(project, base / "snapshot")


@pytest.fixture(scope="module")
def plan(module_snapshot: Snapshot, tmp_path_factory: pytest.TempPathFactory) -> TrialPlan:
    """The plan a real baseline run of the tiny project gives."""
    command = TestCommand((sys.executable, "-m", "pytest"))
    base = tmp_path_factory.mktemp("baseline")
    sb = LocalSandbox(base)
    try:
        with sb.workspace(module_snapshot) as ws:
            baseline = run_tests(ws, command, timeout=60)
    finally:
        sb.close()
    assert baseline.status == "ok", baseline.output
    assert baseline.failing_ids == (FAILING,)
    assert baseline.passing_ids == (PASSING,)
    return TrialPlan(
        command=command, failing=baseline.failing_ids, collection_errors=frozenset(),
        passing=baseline.passing_ids, collected=baseline.collected, timeout=30.0,
    )


def _cand(cid: str, body: str, search: str = BUG, path: str = "calc.py") -> Candidate:
    return Candidate(cid, "hand", (Edit(path, search, f"def add(a, b):\n{body}\n"),), cid)


GOOD = "    return a + b"
WRONG = "    return a * b"
SLOW_GOOD = "    __import__('time').sleep(1.5)\n    return a + b"


class Recorder:
    def __init__(self) -> None:
        self.started: list[str] = []
        self.finished: list[tuple[str, str, int]] = []
        self.lock = threading.Lock()

    def on_candidate(self, cand: Candidate) -> None:
        with self.lock:
            self.started.append(cand.id)

    def on_trial(self, cand: Candidate, trial: Trial, done: int) -> None:
        assert cand.id == trial.candidate_id
        with self.lock:
            self.finished.append((cand.id, trial.status, done))


def _run(
    sandbox: LocalSandbox, snapshot: Snapshot, plan: TrialPlan, cands: list[Candidate],
    settings: Settings, rec: Recorder,
) -> tuple[list[Candidate], list[Trial]]:
    return trial_all(
        sandbox, snapshot, iter(cands), plan, settings, rec.on_candidate, rec.on_trial
    )


@pytest.mark.slow
def test_results_keep_the_given_order_when_trials_finish_out_of_order(
    sandbox: LocalSandbox, module_snapshot: Snapshot, plan: TrialPlan
) -> None:
    cands = [_cand("slow", SLOW_GOOD), _cand("fast", WRONG)]
    rec = Recorder()
    tried, trials = _run(sandbox, module_snapshot, plan, cands, Settings(jobs=2, enough=5), rec)
    # The fast wrong candidate finishes first and is reported first ...
    assert rec.finished == [("fast", "failed", 1), ("slow", "plausible", 2)]
    # ... but the results come back in the order the candidates were given.
    assert [c.id for c in tried] == ["slow", "fast"]
    assert [t.candidate_id for t in trials] == ["slow", "fast"]
    slow, fast = trials
    assert slow.status == "plausible"
    assert slow.fail_to_pass == {FAILING: True}
    assert slow.collected == 2
    assert fast.status == "failed"
    assert fast.fail_to_pass == {FAILING: False}
    assert "still failing" in fast.reason and FAILING in fast.reason
    assert (module_snapshot.root / "calc.py").read_text() == SOURCE  # never touched


@pytest.mark.slow
def test_no_new_candidate_starts_once_enough_are_plausible(
    sandbox: LocalSandbox, module_snapshot: Snapshot, plan: TrialPlan
) -> None:
    third = _cand("third", GOOD)
    cands = [_cand("wrong", WRONG), _cand("good", GOOD), third]
    rec = Recorder()
    tried, trials = _run(sandbox, module_snapshot, plan, cands, Settings(jobs=1, enough=1), rec)
    assert [c.id for c in tried] == ["wrong", "good"]
    assert third not in tried
    assert rec.started == ["wrong", "good"]
    assert rec.finished == [("wrong", "failed", 1), ("good", "plausible", 2)]
    assert [t.status for t in trials] == ["failed", "plausible"]
    assert "1 failing test(s) now pass; 1 passing test(s) still pass" in trials[1].reason


@pytest.mark.slow
def test_broken_candidates_are_error_trials_and_do_not_stop_the_others(
    sandbox: LocalSandbox, module_snapshot: Snapshot, plan: TrialPlan
) -> None:
    errored = Candidate("err", "llm", (), "unparseable reply", error="the reply had no edits")
    nomatch = _cand("nomatch", GOOD, search="def add(a, b):\n    return a // b\n")
    test_edit = Candidate(
        "cheat", "hand",
        (Edit("tests/test_calc.py", "== 5", "== -1"),), "edits the test",
    )
    breaks = Candidate(
        "breaks", "hand",
        (Edit("calc.py", SOURCE, SOURCE.replace("a - b", "a + b")),), "fixes add, breaks sub",
    )
    cands = [errored, nomatch, test_edit, breaks]
    rec = Recorder()
    tried, trials = _run(sandbox, module_snapshot, plan, cands, Settings(jobs=2, enough=1), rec)
    assert [c.id for c in tried] == ["err", "nomatch", "cheat", "breaks"]
    by_id = {t.candidate_id: t for t in trials}
    assert by_id["err"].status == "error"
    assert by_id["err"].reason == "the reply had no edits"
    assert by_id["nomatch"].status == "error"
    assert "do not apply" in by_id["nomatch"].reason
    assert by_id["cheat"].status == "rejected"
    assert "tests/test_calc.py" in by_id["cheat"].reason
    assert by_id["breaks"].status == "failed"
    assert by_id["breaks"].pass_to_pass_broken == (PASSING,)
    assert by_id["breaks"].fail_to_pass == {FAILING: True}
    assert sorted(rec.started) == sorted(by_id)
    assert sorted(done for _, _, done in rec.finished) == [1, 2, 3, 4]


@pytest.mark.slow
def test_a_candidate_that_loops_forever_is_contained_by_the_timeout(
    sandbox: LocalSandbox, module_snapshot: Snapshot, plan: TrialPlan
) -> None:
    short = TrialPlan(
        command=plan.command, failing=plan.failing, collection_errors=plan.collection_errors,
        passing=plan.passing, collected=plan.collected, timeout=3.0,
    )
    loop = _cand("loop", "    while True:\n        pass\n    return a + b")
    rec = Recorder()
    tried, trials = _run(sandbox, module_snapshot, short, [loop], Settings(jobs=1, enough=1),
                         rec)
    (trial,) = trials
    assert [c.id for c in tried] == ["loop"]
    assert trial.status == "contained" and trial.limit == "timeout"
    assert trial.reason.startswith("timeout: ")
    assert "did not finish within 3s" in trial.reason
    assert FAILING in trial.reason  # the test that hung is named
    assert trial.runs[0].status == "timeout"
    assert 3.0 <= trial.duration < 15.0
    assert rec.finished == [("loop", "contained", 1)]


@pytest.mark.slow
def test_no_candidates_gives_nothing(
    sandbox: LocalSandbox, module_snapshot: Snapshot, plan: TrialPlan
) -> None:
    rec = Recorder()
    assert _run(sandbox, module_snapshot, plan, [], Settings(jobs=2), rec) == ([], [])
    assert rec.started == [] and rec.finished == []


@pytest.mark.slow
def test_a_later_round_starts_only_when_the_first_found_nothing(
    module_snapshot: Snapshot, sandbox: LocalSandbox, plan: TrialPlan
) -> None:
    """Two-location candidates (round 2) wait for the single edits, and are skipped when one
    of those was plausible."""
    later = dataclasses.replace(_cand("c2", GOOD), round=2)
    settings = Settings(jobs=2, enough=3)
    tried, _ = trial_all(sandbox, module_snapshot, [_cand("c1", GOOD), later], plan, settings,
                         lambda c: None, lambda c, t, n: None)
    assert [c.id for c in tried] == ["c1"]
    tried, trials = trial_all(sandbox, module_snapshot, [_cand("c3", WRONG), later], plan, settings,
                              lambda c: None, lambda c, t, n: None)
    assert [c.id for c in tried] == ["c3", "c2"]
    assert [t.status for t in trials] == ["failed", "plausible"]


@pytest.mark.slow
def test_the_search_stops_soon_after_the_first_fix(
    module_snapshot: Snapshot, sandbox: LocalSandbox, plan: TrialPlan
) -> None:
    """After the first plausible candidate only EXPLORE_AFTER_FIRST_FIX more are started."""
    cands = [_cand("c0", GOOD)] + [_cand(f"w{i:02d}", WRONG) for i in range(40)]
    tried, _ = trial_all(sandbox, module_snapshot, cands, plan, Settings(jobs=1, enough=3),
                         lambda c: None, lambda c, t, n: None)
    assert len(tried) == 1 + EXPLORE_AFTER_FIRST_FIX


# ── one candidate ──────────────────────────────────────────────────────────────────────────


def test_broken_nested_conftest_counts_as_fixed_when_its_folder_passes() -> None:
    # pytest names a collection error in a nested conftest.py by its folder.
    after = TestRun("ok", (TestResult("tests/sub/test_b.py::test_b", "passed"),
                           TestResult("tests/test_a.py::test_a", "passed")))
    assert fixed(after, "tests/sub", frozenset({"tests/sub"}))
    still = TestRun("ok", (TestResult("tests/sub", "error", collection_error=True),))
    assert not fixed(still, "tests/sub", frozenset({"tests/sub"}))


def test_a_candidate_the_files_encoding_cannot_hold_is_an_error_trial(
    sandbox: LocalSandbox, snapshot: Snapshot
) -> None:
    """names.py is Latin-1 (see conftest.py), and Latin-1 has no '→'."""
    cand = Candidate("c1", "hand", (Edit("names.py", "N = 'é'\n", "N = '→'\n"),), "x")
    plan = TrialPlan(TestCommand((sys.executable, "-m", "pytest")), ("t",), frozenset(), (), 1,
                     30.0)
    trial = trial_candidate(sandbox, snapshot, cand, plan)
    assert trial.status == "error" and "cannot be written" in trial.reason
    assert list(sandbox.base.iterdir()) == []  # the half-made workspace is gone
