"""Run data and what a person sees: run logs that read back into equal records, the Markdown
report, when coverage-based localisation is needed, and the conversation about the fixes."""

from __future__ import annotations

import io
import json
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from homeostasis.core.errors import Interrupted
from homeostasis.core.records import (
    Candidate,
    Edit,
    Failure,
    Frame,
    ModelReply,
    Outcome,
    Ranked,
    Ranking,
    ScoreBreakdown,
    TestResult,
    TestRun,
    Trial,
    from_json,
    to_json,
)
from homeostasis.runs.log import RUNS_DIR, RunLog
from homeostasis.runs.report import render_report
from homeostasis.tools.diagnose.diagnosis import wants_sbfl
from homeostasis.tools.judge.rank import rank
from homeostasis.ui import LOG_PROGRESS_EVERY, LOGGED_IN_FULL, Console
from homeostasis.ui.conversation import Round, converse

DIFF_A = (
    "--- a/calc.py\n+++ b/calc.py\n@@ -1,2 +1,2 @@\n def add(a, b):\n"
    "-    return a - b\n+    return a + b\n"
)
DIFF_B = (
    "--- a/calc.py\n+++ b/calc.py\n@@ -1,2 +1,3 @@\n def add(a, b):\n"
    "-    return a - b\n+    c = a + b\n+    return c\n"
)
FAILING = "tests/test_calc.py::test_add"


def _candidates() -> list[Candidate]:
    return [
        Candidate("t001", "templates", (Edit("calc.py", "a - b", "a + b"),),
                  "calc.py:2 in add: `a - b` → `a + b`", diff=DIFF_A,
                  template="binop", suspect_score=0.75),
        Candidate("m001", "llm", (Edit("calc.py", "return a - b", "c = a + b\n    return c"),),
                  "compute the sum", diff=DIFF_B, round=2, retry_of="m000",
                  reply=ModelReply("mock", 2, "reply", "stop", 10, 20, 0.5)),
        Candidate("t002", "templates", (Edit("calc.py", "a - b", "a * b"),),
                  "calc.py:2 in add: `a - b` → `a * b`", diff=DIFF_A.replace("+ b", "* b")),
        Candidate("m002", "llm", (), "no edits", error="the reply had no SEARCH/REPLACE block"),
    ]


def _run() -> TestRun:
    frames = (
        Frame("tests/test_calc.py", 5, "test_add", True, True, "assert add(2, 3) == 5"),
        Frame("/usr/lib/python3.11/unittest/case.py", 10, "fail", False),
    )
    return TestRun(
        "ok",
        results=(TestResult(FAILING, "failed", 0.01),
                 TestResult("tests/test_calc.py::test_sub", "passed", 0.002),
                 TestResult("tests/test_bad.py", "error", 0.0, collection_error=True)),
        failures=(Failure(FAILING, "AssertionError", "assert -1 == 5", frames, "out"),),
        returncode=1, duration=0.5, output="1 failed", detail="",
    )


def _trials() -> list[Trial]:
    return [
        Trial("t001", "plausible", "1 failing test(s) now pass; 1 passing test(s) still pass",
              fail_to_pass={FAILING: True}, collected=2, duration=1.25,
              runs=(_run(), TestRun("timeout", detail="too slow")), normalized="abc"),
        Trial("m001", "plausible", "1 failing test(s) now pass; 1 passing test(s) still pass",
              fail_to_pass={FAILING: True}, collected=2, duration=1.5, normalized="def"),
        Trial("t002", "failed", "still failing: a | b\nsecond line",
              fail_to_pass={FAILING: False}, pass_to_pass_broken=("tests/x.py::t",),
              normalized="ghi"),
        Trial("m002", "error", "the reply had no SEARCH/REPLACE block"),
    ]


# ── RunLog ────────────────────────────────────────────────────────────────────────────────


def test_runlog_writes_json_atomically_and_ignores_itself(tmp_path: Path) -> None:
    log = RunLog(tmp_path, "20260101-000000-abcd")
    assert log.dir == tmp_path / RUNS_DIR / "20260101-000000-abcd"
    assert (tmp_path / ".homeostasis" / ".gitignore").read_text() == "*\n"
    outcome = Outcome("applied", "fixed 1 test — ✓", "t001", ("calc.py",))
    log.write_json("run.json", outcome)
    assert json.loads(log.path("run.json").read_text(encoding="utf-8")) == to_json(outcome)
    assert "✓" in log.path("run.json").read_text(encoding="utf-8")  # not \u-escaped
    assert from_json(Outcome, json.loads(log.path("run.json").read_text())) == outcome
    # Rewriting replaces the whole file; no temporary file is left behind.
    log.write_json("run.json", {"status": "done"})
    assert json.loads(log.path("run.json").read_text()) == {"status": "done"}
    assert sorted(p.name for p in log.dir.iterdir()) == ["run.json"]
    # A record that cannot be written leaves the previous file whole.
    with pytest.raises(TypeError):
        log.write_json("run.json", {"bad": object()})
    assert json.loads(log.path("run.json").read_text()) == {"status": "done"}


def test_runlog_reuses_an_existing_gitignore_and_makes_fresh_ids(tmp_path: Path) -> None:
    (tmp_path / ".homeostasis").mkdir()
    (tmp_path / ".homeostasis" / ".gitignore").write_text("custom\n")
    first, second = RunLog(tmp_path), RunLog(tmp_path)
    assert (tmp_path / ".homeostasis" / ".gitignore").read_text() == "custom\n"
    assert first.run_id != second.run_id
    assert first.dir.is_dir() and second.dir.is_dir()


def test_jsonl_lines_read_back_into_equal_records(tmp_path: Path) -> None:
    log = RunLog(tmp_path, "run")
    cands, trials = _candidates(), _trials()
    for cand in cands:
        log.append_jsonl("candidates.jsonl", cand)
    for trial in trials:
        log.append_jsonl("trials.jsonl", trial)
    ranking = rank(cands, trials)
    log.write_json("ranking.json", ranking)

    lines = log.path("candidates.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(cands)
    back = [from_json(Candidate, json.loads(line)) for line in lines]
    assert back == cands
    assert isinstance(back[0].edits, tuple) and isinstance(back[0].edits[0], Edit)
    assert "→" in lines[0]

    lines = log.path("trials.jsonl").read_text(encoding="utf-8").splitlines()
    got = [from_json(Trial, json.loads(line)) for line in lines]
    assert got == trials
    run = got[0].runs[0]
    assert isinstance(run, TestRun) and isinstance(run.results[0], TestResult)
    assert isinstance(run.failures[0].frames[0], Frame)
    assert run.failing_ids == (FAILING, "tests/test_bad.py")
    assert got[2].pass_to_pass_broken == ("tests/x.py::t",)

    again = from_json(Ranking, json.loads(log.path("ranking.json").read_text()))
    assert again == ranking
    assert isinstance(again.ranked[0].score, ScoreBreakdown)
    assert set(again.rejected) == {"t002", "m002"}


def test_append_jsonl_appends(tmp_path: Path) -> None:
    log = RunLog(tmp_path, "run")
    log.append_jsonl("x.jsonl", {"n": 1})
    log.append_jsonl("x.jsonl", {"n": 2})
    assert [json.loads(x) for x in log.path("x.jsonl").read_text().splitlines()] == [
        {"n": 1}, {"n": 2}
    ]


# ── report ───────────────────────────────────────────────────────────────────────────────


def test_report_has_outcome_ranking_chosen_diff_and_all_candidates() -> None:
    cands, trials = _candidates(), _trials()
    ranking = rank(cands, trials)
    assert [r.candidate_id for r in ranking.ranked] == ["t001", "m001"]
    outcome = Outcome("applied", "applied t001 to calc.py", "t001", ("calc.py",))
    text = render_report("run-1", outcome, ranking, cands, trials)
    assert text.startswith("# Homeostasis run run-1\n")
    assert "**Outcome:** applied — applied t001 to calc.py" in text
    assert "## Ranked fixes" in text
    first = ranking.ranked[0]
    assert f"1. `t001` (templates) {cands[0].description}" in text
    assert f"score {first.score.total:g}: {first.score.explanation}" in text
    assert "2. `m001` (llm) compute the sum" in text
    assert "1/1 failing tests fixed" in text
    assert text.index("1. `t001`") < text.index("2. `m001`")
    chosen = text.split("## Chosen patch", 1)[1]
    assert "```diff\n" + DIFF_A.rstrip("\n") + "\n```" in chosen
    assert "c = a + b" not in chosen  # only the winner's diff is shown
    assert "| candidate | status | reason |" in text
    table = text.split("## All candidates", 1)[1]
    for trial in trials:
        assert f"| `{trial.candidate_id}` | {trial.status} |" in table
    assert "still failing: a \\| b second line" in table  # pipes escaped, one line per row
    assert text.endswith("\n")


def test_report_without_a_fix_has_no_ranking_or_patch() -> None:
    cands, trials = _candidates()[2:], _trials()[2:]
    ranking = rank(cands, trials)
    outcome = Outcome("no_fix", "no candidate passed the tests")
    text = render_report("run-2", outcome, ranking, cands, trials)
    assert "**Outcome:** no_fix — no candidate passed the tests" in text
    assert "## Ranked fixes" not in text
    assert "## Chosen patch" not in text
    assert "| `t002` | failed |" in text and "| `m002` | error |" in text


def test_report_with_no_trials_is_just_the_outcome() -> None:
    text = render_report("r", Outcome("nothing_to_fix", "all tests pass"), None, [], [])
    assert text == "# Homeostasis run r\n\n**Outcome:** nothing_to_fix — all tests pass\n"


# ── wants_sbfl ───────────────────────────────────────────────────────────────────────────

TEST_FRAME = Frame("tests/test_calc.py", 5, "test_add", in_project=True, is_test=True)
LIB_FRAME = Frame("/usr/lib/python3.11/json/decoder.py", 3, "decode", in_project=False)
SRC_FRAME = Frame("calc.py", 2, "add", in_project=True, is_test=False)


def _failure(*frames: Frame, collection_error: bool = False) -> Failure:
    return Failure(FAILING, "AssertionError", "assert -1 == 5", frames,
                   collection_error=collection_error)


def test_auto_sbfl_runs_for_every_run_time_failure() -> None:
    assert wants_sbfl("auto", (_failure(TEST_FRAME),))
    assert wants_sbfl("auto", (_failure(TEST_FRAME, LIB_FRAME),))
    # even when the traceback reaches project code: the raising line may not be the fault
    assert wants_sbfl("auto", (_failure(TEST_FRAME, SRC_FRAME),))


def test_no_auto_sbfl_for_collection_errors_only() -> None:
    assert not wants_sbfl("auto", (_failure(TEST_FRAME, collection_error=True),))
    assert not wants_sbfl("auto", ())


def test_sbfl_mode_always_and_never_win() -> None:
    assert wants_sbfl("always", (_failure(TEST_FRAME, collection_error=True),))
    assert not wants_sbfl("never", (_failure(TEST_FRAME),))


# ── Console.choose ───────────────────────────────────────────────────────────────────────


def _script(*answers: str) -> tuple[Callable[[str], str], list[str]]:
    """An ``ask`` that gives ``answers`` in turn and records the prompts it was shown."""
    prompts: list[str] = []
    queue = list(answers)

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        assert queue, f"asked more than scripted: {prompt}"
        return queue.pop(0)

    return ask, prompts


class Actions:
    """The conversation's ``Actions`` as the loop's session would answer them, recording each
    call: what the commands do to the project is tested end to end
    (test_e2e_conversation.py, test_e2e_terminal.py)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.applied: str | None = None

    def apply(self, candidate_id: str) -> str:
        self.calls.append(("apply", candidate_id))
        self.applied = candidate_id
        return f"  Applied {candidate_id}"

    def undo(self) -> str:
        self.calls.append(("undo", self.applied or ""))
        self.applied = None
        return "  undid"

    def retest(self, candidate_id: str) -> Trial:
        self.calls.append(("test", candidate_id))
        return Trial(candidate_id, "plausible", "all pass again", duration=0.5)

    def runs(self) -> str:
        self.calls.append(("runs", ""))
        return "  run  started  outcome"


def _round(ranked: bool = True) -> Round:
    cands, trials = _candidates(), _trials()
    ranking = rank(cands, trials) if ranked else Ranking((), {"x": "failed"})
    return Round(ranking, {c.id: c for c in cands}, {t.candidate_id: t for t in trials})


def _converse(*answers: str, ranked: bool = True
              ) -> tuple[str | None, str, list[str], Actions]:
    out = io.StringIO()
    ask, prompts = _script(*answers)
    actions = Actions()
    hint = converse(Console(out=out, interactive=True, ask=ask), _round(ranked), actions)
    assert len(prompts) == len(answers)  # every scripted answer was used, none more
    return hint, out.getvalue(), prompts, actions


def test_yes_applies_the_fix_shown_and_the_conversation_goes_on() -> None:
    hint, out, prompts, actions = _converse("y", "q")
    assert hint is None and actions.calls == [("apply", "t001")]
    assert prompts == ["homeostasis [#1 of 2] > "] * 2
    assert "Applied t001" in out and "undo puts the old bytes back" in out


def test_explain_prints_why_then_asks_again() -> None:
    _, out, prompts, _ = _converse("e", " Q ")
    assert prompts[0] == prompts[1]
    assert "what: calc.py:2 in add: `a - b` → `a + b`" in out
    assert "proposed by: the binop template, at a line suspected with score 0.75" in out
    assert "trial: 1 failing test(s) now pass; 1 passing test(s) still pass (1.2s)" in out
    assert f"passes {FAILING}" in out
    assert "score: 1/1 failing tests fixed" in out


def test_next_and_previous_move_between_the_fixes_and_stop_at_the_ends() -> None:
    _, out, prompts, actions = _converse("n", "n", "p", "p", "n", "y", "q")
    assert [p.split("]")[0] for p in prompts[:6]] == [
        "homeostasis [#1 of 2", "homeostasis [#2 of 2", "homeostasis [#2 of 2",
        "homeostasis [#1 of 2", "homeostasis [#1 of 2", "homeostasis [#2 of 2"]
    assert "#2 m001 — compute the sum" in out and "+    c = a + b" in out
    assert out.count("no more fixes that way") == 2
    assert actions.calls == [("apply", "m001")]


def test_diff_test_runs_and_help_use_the_fix_shown() -> None:
    _, out, _, actions = _converse("d", "t", "r", "h", "q")
    assert actions.calls == [("test", "t001"), ("runs", "")]
    assert "-    return a - b" in out and "plausible: all pass again (0.5s)" in out
    assert "anything else is a hint" in out


def test_any_other_text_is_a_hint_and_ends_the_conversation() -> None:
    hint, _, prompts, actions = _converse("", "  the bug is in add  ")
    assert hint == "the bug is in add"
    assert len(prompts) == 2 and actions.calls == []


def test_a_hint_after_an_apply_waits_for_an_undo() -> None:
    hint, out, _, actions = _converse("y", "look at add", "u", "look at add")
    assert hint == "look at add"
    assert actions.calls == [("apply", "t001"), ("undo", "t001")]
    assert "t001 is applied: undo it first" in out


def test_end_of_input_means_quit() -> None:
    def closed(prompt: str) -> str:
        raise EOFError  # stdin closed, or Ctrl-D at the prompt

    console = Console(out=io.StringIO(), interactive=True, ask=closed)
    assert converse(console, _round(), Actions()) is None


def test_ctrl_c_is_a_stop_until_a_fix_is_applied_then_a_quit() -> None:
    def interrupted(prompt: str) -> str:
        raise KeyboardInterrupt

    console = Console(out=io.StringIO(), interactive=True, ask=interrupted)
    with pytest.raises(KeyboardInterrupt):
        converse(console, _round(), Actions())
    applied = Actions()
    applied.applied = "t001"
    assert converse(console, _round(), applied) is None


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_or_sighup_at_the_prompt_stop_the_run_even_after_an_apply(signum: int) -> None:
    """Only a person's Ctrl-C at the prompt means "leave" once a fix is applied; a signal
    from outside (a closed terminal, a supervisor) stops the run, for its exit code."""
    def signalled(prompt: str) -> str:
        raise Interrupted(signum)

    applied = Actions()
    applied.applied = "t001"
    console = Console(out=io.StringIO(), interactive=True, ask=signalled)
    with pytest.raises(Interrupted):
        converse(console, _round(), applied)


def test_with_nothing_ranked_only_a_hint_or_quit_do_anything() -> None:
    hint, out, prompts, actions = _converse("y", "e", "try harder", ranked=False)
    assert hint == "try harder" and actions.calls == []
    assert prompts[0] == "homeostasis [no fix] > "
    assert out.count("no fix to show") == 2


def test_show_candidate_paints_only_with_color() -> None:
    cand = _candidates()[0]
    ranked = Ranked("t001", 1, ScoreBreakdown(1.0, 1, 2, 98.0, "why"))
    plain, painted = io.StringIO(), io.StringIO()
    Console(out=plain).show_candidate(cand, ranked)
    Console(out=painted, color=True).show_candidate(cand, ranked)
    assert "\033[" not in plain.getvalue()
    assert "score 98: why" in plain.getvalue()
    assert "\033[32m+    return a + b\033[0m" in painted.getvalue()


def test_a_log_shows_the_first_failures_then_counts_but_every_plausible_one() -> None:
    out = io.StringIO()
    console = Console(out=out)
    failed = Trial("c", "failed", "still failing: t")
    good = Trial("g", "plausible", "2 failing test(s) now pass")
    cand = Candidate("c", "p", (), "d")
    for n in range(1, 61):
        console.trial_done(cand, good if n == 42 else failed, n)
    lines = out.getvalue().splitlines()
    assert sum("failed: still failing" in line for line in lines) == LOGGED_IN_FULL
    assert [line for line in lines if "plausible" in line] == [
        "  [42] ✓ c plausible: 2 failing test(s) now pass"]
    assert "  … 50 candidates tried" in lines
    assert len(lines) == LOGGED_IN_FULL + 1 + 60 // LOG_PROGRESS_EVERY
