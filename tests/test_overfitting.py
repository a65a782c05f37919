"""The overfitting shapes recognised in real patches, and the ranking preferring a plausible fix
of another shape even when the overfitted one was found first."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import edit_reply
from homeostasis.core.records import Context, Failure, Frame, Snippet, Trial
from homeostasis.models.mock import ScriptedModel
from homeostasis.propose.base import RepairTask
from homeostasis.propose.llm.proposer import LLMProposer
from homeostasis.tools.judge.overfitting import (
    CONSTANT_CONDITION,
    DELETED,
    EARLY_EXIT,
    SPECIAL_CASE,
    literals_of_tests,
    overfit_shape,
)
from homeostasis.tools.judge.rank import rank

FEE = """\
def fee(weight):
    if weight > 20:
        extra = (weight - 20) * 2
        return 10 + extra
    return 10
"""
TEST = """\
def test_heavy_parcel():
    assert fee(23) == 16
"""
LITERALS = literals_of_tests(
    Context((Snippet("tests/test_fee.py", 1, 2, TEST, "test"),), 0, 0), ())


def _shape(old: str, new: str) -> str:
    return overfit_shape({"fee.py": old}, {"fee.py": new}, LITERALS)


def test_the_tests_literals_leave_out_the_commonplace() -> None:
    frames = (Frame("tests/test_fee.py", 2, "test_light", True, True,
                    "assert fee(7, label='x') == 0"),)
    indented = "    " + TEST.replace("\n", "\n    ")
    found = literals_of_tests(
        Context((Snippet("t.py", 1, 2, indented, "test"),), 0, 0),
        (Failure("tests/test_fee.py::test_light", "AssertionError", "", frames),))
    assert found == {"23", "16", "7", "'x'"}


@pytest.mark.parametrize(("new", "shape"), [
    (FEE.replace("def fee(weight):\n", "def fee(weight):\n    if weight == 23:\n"
                 "        return 16\n"), SPECIAL_CASE),
    (FEE.replace("if weight > 20:", "if True:"), CONSTANT_CONDITION),
    (FEE.replace("        return 10 + extra\n", "        if extra:\n            return 16\n"
                 "        return 10 + extra\n"), EARLY_EXIT),
    (FEE.replace("        extra = (weight - 20) * 2\n", "        extra = 0\n")
     .replace("        return 10 + extra\n", ""), DELETED),
    (FEE.replace("(weight - 20) * 2", "(weight - 20) * 3"), ""),
    (FEE.replace("weight > 20", "weight >= 20"), ""),
    (FEE.replace("if weight > 20:", "if weight > 20 and weight < 100:"), ""),
])
def test_the_shape_of_a_patch(new: str, shape: str) -> None:
    assert _shape(FEE, new) == shape


def test_a_shape_is_found_in_the_changed_method_of_a_class() -> None:
    old = "class Fees:\n    def fee(self, w):\n        return w * 2\n\n    def tax(self):\n" \
          "        return 1\n"
    new = old.replace("        return w * 2\n", "        if w == 23:\n            return 16\n"
                      "        return w * 2\n")
    assert overfit_shape({"f.py": old}, {"f.py": new}, LITERALS) == SPECIAL_CASE


def test_a_later_fix_of_another_shape_outranks_an_earlier_special_case(tmp_path: Path) -> None:
    (tmp_path / "fee.py").write_text(FEE, encoding="utf-8")
    special = edit_reply("fee.py", "    if weight > 20:",
                         "    if weight == 23:\n        return 16\n    if weight > 20:")
    right = edit_reply("fee.py", "    if weight > 20:", "    if weight >= 20:")
    task = RepairTask(tmp_path, (), (), Context((Snippet("tests/test_fee.py", 1, 2, TEST,
                                                         "test"),), 0, 0))
    first, second = LLMProposer(ScriptedModel([special, right]), samples=2).propose(task, 2)
    assert (first.overfit, second.overfit) == (SPECIAL_CASE, "")
    trials = [Trial(c.id, "plausible", "ok", {"tests/test_fee.py::test_heavy_parcel": True},
                    normalized=c.id) for c in (first, second)]
    ranking = rank([first, second], trials)
    assert [r.candidate_id for r in ranking.ranked] == [second.id, first.id]
    assert "anti-pattern: " + SPECIAL_CASE in ranking.ranked[1].score.explanation
