"""End to end, in process: the terminal conversation about which fix to apply, driven by
scripted answers, on a project where the scripted model offers two different correct fixes
(and, for a hint, a third round's reply)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import (
    INVOICING_BUG,
    INVOICING_FIX,
    copy_example,
    edit_reply,
    read_json,
    run_project_tests,
    tree_hashes,
)
from homeostasis.core.config import Settings
from homeostasis.loop import Decision, RunResult, heal
from homeostasis.models.mock import ScriptedModel
from homeostasis.propose.llm.proposer import LLMProposer
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
