"""LLMProposer driven by a ScriptedModel with literal replies."""

from __future__ import annotations

from pathlib import Path

import pytest
from homeostasis.core.records import Candidate, Context, Edit, Failure, Frame, Snippet, Suspect
from homeostasis.models import Completion, ScriptedModel
from homeostasis.propose.base import RepairTask
from homeostasis.propose.llm.proposer import LLMProposer

CALC = "def add(a, b):\n    return a - b\n\n\ndef mul(a, b):\n    return a * b\n"

GOOD = """The function subtracts instead of adding.

calc.py
<<<<<<< SEARCH
    return a - b
=======
    return a + b
>>>>>>> REPLACE
"""

GOOD_DIFF = (
    "--- a/calc.py\n"
    "+++ b/calc.py\n"
    "@@ -1,5 +1,5 @@\n"
    " def add(a, b):\n"
    "-    return a - b\n"
    "+    return a + b\n"
    " \n"
    " \n"
    " def mul(a, b):\n"
)

NO_DIVIDER = """calc.py
<<<<<<< SEARCH
    return a - b
>>>>>>> REPLACE
"""

WRONG_SEARCH = """calc.py
<<<<<<< SEARCH
    return a minus b
=======
    return a + b
>>>>>>> REPLACE
"""


@pytest.fixture
def task(tmp_path: Path) -> RepairTask:
    (tmp_path / "calc.py").write_text(CALC, encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_calc.py").write_text(
        "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n", encoding="utf-8"
    )
    failure = Failure(
        "tests/test_calc.py::test_add",
        "AssertionError",
        "assert -1 == 5",
        frames=(
            Frame("tests/test_calc.py", 5, "test_add", in_project=True, is_test=True),
            Frame("calc.py", 2, "add", in_project=True),
        ),
    )
    suspect = Suspect("calc.py", 2, 0.9, "traceback", "raised here", function="add")
    snippet = Snippet("calc.py", 1, 2, "def add(a, b):\n    return a - b\n", "suspect", "add")
    return RepairTask(tmp_path, (failure,), (suspect,), Context((snippet,), 20, 1000))


def propose(replies: list[str | Completion], task: RepairTask, budget: int = 5) -> list[Candidate]:
    proposer = LLMProposer(ScriptedModel(replies), samples=len(replies))
    return list(proposer.propose(task, budget))


def test_good_reply_becomes_a_candidate_with_the_right_diff(task: RepairTask) -> None:
    [candidate] = propose([GOOD], task)
    assert candidate.error == ""
    assert candidate.edits == (Edit("calc.py", "    return a - b\n", "    return a + b\n"),)
    assert candidate.diff == GOOD_DIFF
    assert candidate.description == "The function subtracts instead of adding."
    assert (candidate.id, candidate.proposer) == ("m001", "llm")
    assert candidate.reply is not None
    assert (candidate.reply.model, candidate.reply.sample) == ("mock", 0)
    assert (candidate.reply.text, candidate.reply.finish_reason) == (GOOD, "stop")
    assert (task.root / "calc.py").read_text(encoding="utf-8") == CALC


def test_reply_without_prose_is_described_by_its_files(task: RepairTask) -> None:
    [candidate] = propose([GOOD.split("\n", 2)[2]], task)
    assert candidate.description == "model edit to calc.py"


def test_malformed_reply_becomes_an_error_candidate(task: RepairTask) -> None:
    [candidate] = propose([NO_DIVIDER], task)
    assert candidate.edits == () and candidate.diff == ""
    assert candidate.error == "malformed reply: block 1: SEARCH without ======= divider"


def test_reply_without_blocks_becomes_an_error_candidate(task: RepairTask) -> None:
    [candidate] = propose(["I think the bug is in add()."], task)
    assert candidate.error.startswith("malformed reply: ")
    assert "no SEARCH/REPLACE blocks" in candidate.error


def test_search_that_does_not_match_becomes_an_error_candidate(task: RepairTask) -> None:
    [candidate] = propose([WRONG_SEARCH], task)
    assert candidate.edits == ()
    assert "no match" in candidate.error
    assert "return a - b" in candidate.error  # the closest lines are shown


def test_edit_to_a_missing_file_becomes_an_error_candidate(task: RepairTask) -> None:
    [candidate] = propose([WRONG_SEARCH.replace("calc.py", "nope.py")], task)
    assert "nope.py does not exist" in candidate.error


def test_an_edit_through_a_symlink_out_of_the_project_becomes_an_error_candidate(
    task: RepairTask,
) -> None:
    """The reply parser refuses absolute and ``..`` paths; a symlink in the tree is caught
    before the file behind it is even read."""
    outside = task.root.parent / "outside"
    outside.mkdir()
    (outside / "calc.py").write_text(CALC, encoding="utf-8")
    (task.root / "vendored").symlink_to(outside)
    [candidate] = propose([GOOD.replace("\ncalc.py\n", "\nvendored/calc.py\n")], task)
    assert candidate.edits == () and candidate.diff == ""
    assert candidate.error == ("edits a file outside the project: 'vendored/calc.py' "
                               "(a symlink leads outside the project)")


def test_truncated_reply_becomes_an_error_candidate(task: RepairTask) -> None:
    [candidate] = propose([Completion(GOOD, finish_reason="length")], task)
    assert candidate.error == "reply truncated (finish_reason=length)"
    assert candidate.edits == ()
    assert candidate.reply is not None and candidate.reply.finish_reason == "length"


def test_each_sample_becomes_a_candidate_in_order(task: RepairTask) -> None:
    candidates = propose([GOOD, NO_DIVIDER, WRONG_SEARCH], task)
    assert [c.id for c in candidates] == ["m001", "m002", "m003"]
    assert [c.reply.sample for c in candidates if c.reply] == [0, 1, 2]
    assert [bool(c.error) for c in candidates] == [False, True, True]


def test_budget_caps_the_request_and_the_candidates(task: RepairTask) -> None:
    model = ScriptedModel([GOOD] * 5)
    candidates = list(LLMProposer(model, samples=4).propose(task, budget=2))
    assert len(candidates) == 2
    assert [r.n for r in model.history] == [2]


def test_zero_budget_asks_nothing(task: RepairTask) -> None:
    model = ScriptedModel([GOOD])
    assert list(LLMProposer(model).propose(task, budget=0)) == []
    assert model.history == []


def test_request_carries_the_failing_test_and_suspect_code(task: RepairTask) -> None:
    model = ScriptedModel([GOOD, GOOD, GOOD])
    list(LLMProposer(model, samples=3).propose(task, budget=10))
    [request] = model.history
    assert request.n == 3 and request.temperature > 0
    system, user = request.messages
    assert "<<<<<<< SEARCH" in system.content
    assert "tests/test_calc.py::test_add" in user.content
    assert "   2 |     return a - b" in user.content
    assert str(task.root) not in user.content


def test_one_sample_is_asked_for_at_temperature_zero(task: RepairTask) -> None:
    model = ScriptedModel([GOOD])
    list(LLMProposer(model, samples=1).propose(task, budget=3))
    assert model.history[0].temperature == 0.0


def test_retry_sends_the_failed_attempt_and_feedback(task: RepairTask) -> None:
    model = ScriptedModel([WRONG_SEARCH, GOOD])
    proposer = LLMProposer(model, samples=1)
    [failed] = proposer.propose(task, budget=1)
    [fixed] = proposer.retry(task, failed, "E   assert -1 == 5")
    assert fixed.diff == GOOD_DIFF
    assert (fixed.id, fixed.retry_of) == ("m002", "m001")
    first, _, assistant, again = model.history[1].messages
    assert first == model.history[0].messages[0]
    assert (assistant.role, assistant.content) == ("assistant", WRONG_SEARCH)
    assert again.role == "user"
    assert "no match" in again.content and "E   assert -1 == 5" in again.content
