"""End to end, in process: the terminal conversation about which fix to apply, driven by
scripted answers, on a project where the scripted model offers two different correct fixes
(and, for a hint, a third round's reply)."""

from __future__ import annotations

import io
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    INVOICING_BUG,
    INVOICING_FIX,
    copy_example,
    edit_reply,
    read_json,
    read_jsonl,
    run_dirs,
    run_project_tests,
    tree_hashes,
    write_files,
)
from homeostasis.core.config import Settings
from homeostasis.loop import Decision, RunResult, heal
from homeostasis.models.mock import ScriptedModel
from homeostasis.propose.llm.proposer import LLMProposer
from homeostasis.propose.templates.engine import TemplateProposer
from homeostasis.ui import Console

pytestmark = pytest.mark.e2e

PRICING = "invoicing/pricing.py"
FIRST_FIX = INVOICING_FIX
SECOND_FIX = "        if tier.min_quantity <= quantity:\n"


class ScriptedUser:
    """Answers the prompts in order, remembering each prompt; fails on an unexpected one."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.prompts: list[str] = []

    def __call__(self, prompt: str) -> str:
        self.prompts.append(prompt)
        assert self.answers, f"unexpected question: {prompt}"
        return self.answers.pop(0)


@pytest.fixture
def converse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., tuple[
        RunResult, ScriptedUser, str, Path, dict[str, str]]]:
    for name in ("PYTEST_ADDOPTS", "PYTEST_PLUGINS"):
        monkeypatch.delenv(name, raising=False)
    project = copy_example("invoicing", tmp_path)
    original = tree_hashes(project)

    def run(*answers: str, later: tuple[str, ...] = ()
            ) -> tuple[RunResult, ScriptedUser, str, Path, dict[str, str]]:
        user = ScriptedUser(*answers)
        out = io.StringIO()
        console = Console(out=out, interactive=True, ask=user)
        model = ScriptedModel([
            edit_reply(PRICING, INVOICING_BUG, FIRST_FIX, prose="Compare with >=."),
            edit_reply(PRICING, INVOICING_BUG, SECOND_FIX, prose="Put the minimum first."),
            *later,
        ])
        settings = Settings(jobs=2, candidates=2, samples=2, sbfl="never")  # per round
        result = heal(project, settings, console, Decision("ask"),
                      LLMProposer(model, samples=2))
        assert model.remaining == 0
        run.model = model  # type: ignore[attr-defined]
        return result, user, out.getvalue(), project, original

    run.project = project  # type: ignore[attr-defined]
    return run


def test_explain_next_yes_applies_the_second_fix(converse) -> None:
    result, user, out, project, original = converse("e", "n", "p", "n", "y", "q")

    assert result.ranking is not None
    assert [r.candidate_id for r in result.ranking.ranked] == ["m001", "m002"]
    assert len(user.prompts) == 6 and not user.answers
    assert all(p.endswith("> ") for p in user.prompts)
    assert "[#1 of 2]" in user.prompts[0] and "[#1 of 2]" in user.prompts[1]
    assert "[#2 of 2]" in user.prompts[2] and "[#1 of 2]" in user.prompts[3]
    assert "[#2 of 2]" in user.prompts[4]
    explained = out[out.index("the model (mock) says:"):]
    assert explained.splitlines()[1].strip() == "Compare with >=."
    assert "passes tests/test_pricing.py::test_tier_applies_from_its_minimum_quantity" in out

    assert result.outcome.status == "applied"
    assert result.outcome.candidate_id == "m002"
    text = (project / PRICING).read_text(encoding="utf-8")
    assert SECOND_FIX in text and INVOICING_BUG not in text
    changed = {p for p, h in tree_hashes(project).items() if original.get(p) != h}
    assert changed == {PRICING}
    assert read_json(result.run_dir / "outcome.json")["candidate_id"] == "m002"
    assert "+" + SECOND_FIX in (result.run_dir / "winner.diff").read_text(encoding="utf-8")
    assert run_project_tests(project).returncode == 0


def test_undo_puts_the_applied_fix_back_and_nothing_stays_applied(converse) -> None:
    result, _user, out, project, original = converse("y", "u", "q")

    assert "Applied m001" in out and "undid " in out
    assert tree_hashes(project) == original
    assert result.outcome.status == "declined"


def test_a_hint_starts_a_round_whose_request_holds_it(converse) -> None:
    third = edit_reply(PRICING, INVOICING_BUG, "        if not quantity < tier.min_quantity:\n",
                       prose="A tier includes its minimum.")
    result, user, out, project, original = converse(
        "tiers include their minimum quantity", "q", later=(third, "No idea."))

    first, second = converse.model.history  # type: ignore[attr-defined]
    assert "tiers include their minimum" not in first.messages[-1].content
    assert "- tiers include their minimum quantity" in second.messages[-1].content
    assert result.ranking is not None
    assert "h1-m003" in [r.candidate_id for r in result.ranking.ranked]
    assert "[#1 of 3]" in user.prompts[1]
    assert "Round 2, with your hint: tiers include their minimum quantity" in out
    assert read_json(result.run_dir / "run.json")["hints"] == [
        "tiers include their minimum quantity"]
    assert tree_hashes(project) == original


def test_quit_applies_nothing(converse) -> None:
    result, user, _out, project, original = converse("q")

    assert len(user.prompts) == 1 and "[#1 of 2]" in user.prompts[0]
    assert result.outcome.status == "declined"
    assert result.outcome.candidate_id is None
    assert read_json(result.run_dir / "outcome.json")["status"] == "declined"
    assert tree_hashes(project) == original
    assert not (project / ".homeostasis" / "undo").exists()


def test_a_round_after_a_hint_tries_new_candidates_up_to_the_cap(tmp_path: Path) -> None:
    """``--candidates 3`` caps each round at three new programs: those the first round
    tried, proposed again, are skipped without using up the second round's cap."""
    project = write_files(tmp_path / "p", {
        "calc.py": "def add(a, b):\n    return a - b\n",
        "tests/test_calc.py": "from calc import add\n\n\ndef test_add():\n"
                              "    assert add(2, 3) == 'five'\n"})
    user = ScriptedUser("look again", "q")
    out = io.StringIO()
    result = heal(project, Settings(jobs=2, candidates=3), Console(out, True, user),
                  Decision("ask"), TemplateProposer())
    trials = read_jsonl(result.run_dir / "trials.jsonl")
    assert len(trials) == 6 and len({t["normalized"] for t in trials}) == 6
    assert [t["candidate_id"].startswith("h1-") for t in trials] == [False] * 3 + [True] * 3
    assert "3 candidate(s) skipped: already tried" in out.getvalue()
    assert result.outcome.status == "no_fix"
    assert "3 more proposed were already tried (3 in this run)" in result.outcome.detail


def test_ctrl_c_while_y_writes_the_fix_records_it_applied(
        converse, monkeypatch: pytest.MonkeyPatch) -> None:
    """The write finishes (interrupts wait for it); the run then stops, its records saying
    what the files hold."""
    real_replace = os.replace
    pressed: list[bool] = []
    target = converse.project / PRICING  # type: ignore[attr-defined]

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if Path(dst) == target and not pressed:  # the file system is where the fix lands
            pressed.append(True)
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, while the fix is being written
        real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        converse("y")
    assert pressed
    (run,) = run_dirs(converse.project)  # type: ignore[attr-defined]
    outcome = read_json(run / "outcome.json")
    assert outcome["status"] == "applied" and outcome["candidate_id"] == "m001"
    assert FIRST_FIX in target.read_text(encoding="utf-8")
