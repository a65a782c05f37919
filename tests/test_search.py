"""The search across proposers: the offline engine first and the model only when it finds
nothing, conversational rounds that show the model why its candidate failed, and a model that
stops (budget, API error) ending its tier without ending the run."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from helpers import edit_reply, write_project
from homeostasis.core.config import Settings
from homeostasis.loop import Decision, heal
from homeostasis.models.mock import ScriptedModel
from homeostasis.propose.llm.proposer import LLMProposer
from homeostasis.propose.templates.engine import TemplateProposer
from homeostasis.search import Search
from homeostasis.ui import Console

pytestmark = pytest.mark.e2e

GREETING = 'def greet(name):\n    return "Hi " + name\n'
TESTS = ('from greeting import greet\n\n'
         'def test_greet():\n    assert greet("Ann") == "Hello, Ann!"\n\n'
         'def test_type():\n    assert isinstance(greet("Bo"), str)\n')
WRONG = edit_reply("greeting.py", '    return "Hi " + name', '    return "Hello " + name')
RIGHT = edit_reply("greeting.py", '    return "Hi " + name', '    return f"Hello, {name}!"')
OFF_BY_ONE = "def last(xs):\n    return xs[len(xs)]\n"
LAST_TESTS = "from seq import last\n\ndef test_last():\n    assert last([1, 2, 3]) == 3\n"


def run(project: Path, search: Search, **settings: object) -> tuple[str, object]:
    out = io.StringIO()
    result = heal(project, Settings(jobs=1, sbfl="never", **settings),  # type: ignore[arg-type]
                  Console(out=out), Decision("dry_run"), search)
    return out.getvalue(), result


def test_the_model_is_not_asked_when_the_offline_engine_finds_a_fix(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"seq.py": OFF_BY_ONE,
                                             "tests/test_seq.py": LAST_TESTS})
    model = ScriptedModel([RIGHT], name="mock")
    text, result = run(project, Search((TemplateProposer(), LLMProposer(model, samples=1)), 2))
    assert result.outcome.status == "dry_run"  # type: ignore[attr-defined]
    assert model.history == []
    assert "Proposing fixes with llm" not in text


def test_the_model_is_asked_when_the_offline_engine_finds_nothing(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"greeting.py": GREETING,
                                             "tests/test_greet.py": TESTS})
    model = ScriptedModel([RIGHT], name="mock")
    text, result = run(project, Search((TemplateProposer(), LLMProposer(model, samples=1)), 1))
    assert "Proposing fixes with templates" in text
    assert "Proposing fixes with llm" in text
    assert len(model.history) == 1
    ranked = result.ranking.ranked  # type: ignore[attr-defined]
    assert ranked[0].candidate_id.startswith("m")


def test_a_second_round_shows_the_model_why_its_fix_failed(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"greeting.py": GREETING,
                                             "tests/test_greet.py": TESTS})
    model = ScriptedModel([WRONG, RIGHT], name="mock")
    text, result = run(project, Search((LLMProposer(model, samples=1),), rounds=2))
    assert "Round 2 with llm: showing it why m001 failed" in text
    assert len(model.history) == 2
    second = model.history[1].messages
    assert second[-2].role == "assistant" and "Hello " in second[-2].content
    feedback = second[-1].content
    assert "still failing: tests/test_greet.py::test_greet" in feedback
    assert "assert 'Hello Ann' == 'Hello, Ann!'" in feedback
    ranked = result.ranking.ranked  # type: ignore[attr-defined]
    assert [r.candidate_id for r in ranked] == ["m002"]


def test_a_model_that_stops_ends_its_tier_not_the_run(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"greeting.py": GREETING,
                                             "tests/test_greet.py": TESTS})
    model = ScriptedModel([WRONG], name="mock")  # nothing left for round 2
    text, result = run(project, Search((LLMProposer(model, samples=1),), rounds=3))
    assert "The model stopped: the scripted model has no more replies" in text
    assert result.outcome.status == "no_fix"  # type: ignore[attr-defined]
