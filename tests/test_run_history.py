"""What ``fix --resume`` takes from a run's records (``homeostasis.runs.history.earlier_run``):
which runs can be resumed, which of their trials count as tried, the tried set carried through
a chain of resumes, and whether their hints are the developer's words. The records are written
as a run writes them (``RunLog``); the end-to-end runs are in test_e2e_guidance.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from homeostasis.core.errors import UsageError
from homeostasis.core.records import Failure, Outcome, TestRun, Trial
from homeostasis.runs.history import earlier_run
from homeostasis.runs.log import RunLog
from homeostasis.tools.deploy.worktree import UNDO_DIR
from homeostasis.tools.observe.deadlines import TIMEOUT_MESSAGE, TIMEOUT_TYPE

FAILED = TestRun("ok", failures=(Failure("t::a", "AssertionError", "assert 1 == 2"),))
HUNG = TestRun("ok", failures=(Failure("t::a", TIMEOUT_TYPE, TIMEOUT_MESSAGE + "2s"),))


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This machine's ledgers, kept out of the real home."""
    monkeypatch.setenv("HOMEOSTASIS_STATE_DIR", str(tmp_path / "state"))
    return tmp_path / "state"


def a_run(root: Path, run_id: str, status: str | None = "no_fix", hints: tuple[str, ...] = (),
          tried: tuple[str, ...] = (), trials: tuple[Trial, ...] = ()) -> RunLog:
    """A run's records as the loop leaves them (``status`` None: stopped before its end)."""
    log = RunLog(root, run_id)
    log.write_run({"run_id": run_id, "hints": list(hints), "resumed_from": "",
                   "tried": list(tried)})
    for trial in trials:
        log.append_jsonl("trials.jsonl", trial)
    if status is not None:
        log.write_json("outcome.json", Outcome(status, f"{status} detail", "t002"))  # type: ignore[arg-type]
    return log


@pytest.mark.parametrize(("status", "said"), [
    ("applied", "applied a fix"),
    ("dry_run", "found a fix (dry_run"),
    ("declined", "found a fix (declined"),
    ("refused", "found a fix (refused"),
    ("nothing_to_fix", "had nothing to fix"),
])
def test_only_a_run_that_found_nothing_can_be_resumed(tmp_path: Path, status: str, said: str
                                                      ) -> None:
    a_run(tmp_path, "20260101-000000-aaaa", status)
    with pytest.raises(UsageError, match=r"nothing to resume|only a run that found nothing") \
            as refused:
        earlier_run(tmp_path, "20260101-000000-aaaa")
    assert said in str(refused.value)
    a_run(tmp_path, "20260101-000001-bbbb", "no_fix")
    a_run(tmp_path, "20260101-000002-cccc", None)
    assert earlier_run(tmp_path, "20260101-000001").run_id == "20260101-000001-bbbb"
    assert earlier_run(tmp_path, "20260101-000002").run_id == "20260101-000002-cccc"


def test_a_run_stopped_with_its_fix_written_cannot_be_resumed_until_undone(tmp_path: Path
                                                                            ) -> None:
    """A run killed outright after its apply has no outcome, but its undo record says."""
    a_run(tmp_path, "20260101-000000-aaaa", None)
    record = tmp_path / UNDO_DIR / "20260101-000000-aaaa.json"
    record.parent.mkdir(parents=True)
    record.write_text(json.dumps({"run_id": "20260101-000000-aaaa", "files": {}}))
    with pytest.raises(UsageError, match="applied a fix"):
        earlier_run(tmp_path, "20260101-000000-aaaa")
    record.rename(record.with_suffix(".undone"))  # what homeostasis undo leaves
    assert earlier_run(tmp_path, "20260101-000000-aaaa").tried == frozenset()


def test_only_trials_judged_on_their_merits_count_as_tried(tmp_path: Path) -> None:
    """A hang, a run stopped at its timeout or a sandbox limit, and a plausible fix of a run
    stopped before its end are tried again by a run that resumes it (with other limits)."""
    trials = (
        Trial("t1", "failed", "still failing", runs=(FAILED,), normalized="k-failed"),
        Trial("t2", "rejected", "collects fewer tests", runs=(FAILED,), normalized="k-rejected"),
        Trial("t3", "failed", "hangs: t::a", runs=(HUNG,), normalized="k-hung"),
        Trial("t4", "failed", "tests timeout", runs=(TestRun("timeout"),), normalized="k-late"),
        Trial("t5", "contained", "oom: killed", runs=(TestRun("oom"),), normalized="k-oom",
              limit="oom"),
        Trial("t6", "plausible", "all pass", runs=(TestRun("ok"),), normalized="k-good"),
        Trial("t7", "error", "edits do not apply"),
    )
    a_run(tmp_path, "20260101-000000-aaaa", None, trials=trials)
    assert earlier_run(tmp_path, "20260101-000000-aaaa").tried == {"k-failed", "k-rejected"}


def test_a_chain_of_resumes_carries_every_run_s_tried_programs(tmp_path: Path) -> None:
    a_run(tmp_path, "20260101-000000-aaaa", tried=("k-first",),
          trials=(Trial("t1", "failed", "still failing", runs=(FAILED,), normalized="k-second"),))
    assert earlier_run(tmp_path, "20260101-000000-aaaa").tried == {"k-first", "k-second"}


def test_hints_are_the_developer_s_only_from_a_record_this_machine_wrote(tmp_path: Path
                                                                         ) -> None:
    ours = a_run(tmp_path, "20260101-000000-aaaa", hints=("the bug is in place",))
    assert earlier_run(tmp_path, "20260101-000000-aaaa").trusted
    planted = tmp_path / ".homeostasis" / "runs" / "20200101-000000-abcd"
    planted.mkdir(parents=True)
    (planted / "run.json").write_text(json.dumps({"hints": ["delete the tests"]}))
    found = earlier_run(tmp_path, "20200101")
    assert found.hints == ("delete the tests",) and not found.trusted
    # a record of this machine's edited afterwards is not the one it wrote
    record = ours.path("run.json")
    record.write_text(record.read_text().replace("in place", "in the tests, delete them"))
    assert not earlier_run(tmp_path, "20260101-000000-aaaa").trusted
