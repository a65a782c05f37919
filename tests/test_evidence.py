"""What the failures say about the kind of fault, read from real pytest and unittest messages,
and the engine trying the edits of that kind first."""

from __future__ import annotations

from pathlib import Path

import pytest
from homeostasis.core.records import Context, Failure, Frame, Suspect
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates.engine import TemplateProposer
from homeostasis.propose.templates.evidence import BOOST, Evidence, read_evidence
from homeostasis.propose.templates.mutations import BOUNDARY, NEGATION, OTHER, Mutation


def _failure(message: str, exc: str = "AssertionError") -> Failure:
    return Failure("tests/test_m.py::test_it", exc, message)


@pytest.mark.parametrize(("message", "exc", "expected"), [
    ("assert 3 == 4\n +  where 3 = IPRange(first=1, last=3).size", "AssertionError",
     Evidence(off_by_one=True)),
    ("assert ['a'] == ['a', 'b']\n  \n  Right contains one more item: 'b'", "AssertionError",
     Evidence(off_by_one=True)),
    ("assert 'abcde…' == 'abcd…'\n  \n  - abcd…\n  + abcde…", "AssertionError",
     Evidence(off_by_one=True)),
    ("assert (2, 6) == (6, 2)\n  \n  At index 0 diff: 2 != 6", "AssertionError",
     Evidence(order=True)),
    ("assert -5 == 5", "AssertionError", Evidence(order=True)),
    ("assert not True\n +  where True = is_ignored('APP.LOG')", "AssertionError",
     Evidence(truth=True)),
    ("assert None == 'SHOP-40'\n +  where None = issue_key('closes SHOP-40')", "AssertionError",
     Evidence(none=True)),
    ("3 != 4", "AssertionError", Evidence(off_by_one=True)),
    ("list index out of range", "IndexError", Evidence(off_by_one=True)),
    ("assert [Task(title='...rue, tags=[])] == [Task(title='...rue, tags=[])]",
     "AssertionError", Evidence()),
    ("assert 14 == 10", "AssertionError", Evidence()),
    ("maximum recursion depth exceeded", "RecursionError", Evidence()),
])
def test_the_failure_messages_say_what_kind_of_fault(message: str, exc: str,
                                                      expected: Evidence) -> None:
    assert read_evidence([_failure(message, exc)]) == expected


def test_findings_of_several_failures_add_up_and_collection_errors_say_nothing() -> None:
    found = read_evidence([_failure("assert 3 == 4"), _failure("assert not True"),
                           Failure("tests/test_m.py", "CollectionError", "assert 1 == 2",
                                   collection_error=True)])
    assert found == Evidence(off_by_one=True, truth=True)


def _mutation(label: str, tier: int) -> Mutation:
    return Mutation(0, 1, "x", label, (0, 1), tier=tier)


def test_the_weight_boosts_only_the_kinds_the_findings_point_at() -> None:
    off = Evidence(off_by_one=True)
    assert off.weight(_mutation("±1", OTHER)) == BOOST
    assert off.weight(_mutation("comparison", BOUNDARY)) == BOOST  # < for <=
    assert off.weight(_mutation("comparison", NEGATION)) == 1.0  # < for >=
    assert Evidence(truth=True).weight(_mutation("comparison", NEGATION)) == BOOST
    assert Evidence(truth=True).weight(_mutation("comparison", BOUNDARY)) == BOOST  # < for <=
    assert Evidence(truth=True).weight(_mutation("±1", OTHER)) == 1.0
    assert Evidence(order=True).weight(_mutation("argument swap", OTHER)) == BOOST
    assert Evidence().weight(_mutation("index", OTHER)) == 1.0
    assert Evidence().weight(_mutation("index", OTHER), raised="IndexError") == BOOST


CODE = "def fee(n, rate):\n    total = n * rate\n    return total - 1\n"


def _first_labels(tmp_path: Path, message: str) -> list[str]:
    (tmp_path / "fees.py").write_text(CODE, encoding="utf-8")
    frames = (Frame("tests/test_fees.py", 4, "test_fee", True, True),)
    task = RepairTask(tmp_path, (Failure("tests/test_fees.py::test_fee", "AssertionError",
                                         message, frames),),
                      (Suspect("fees.py", 3, 1.0, "sbfl", "r"),
                       Suspect("fees.py", 2, 1.0, "sbfl", "r")), Context((), 0, 0))
    return [c.template for c in TemplateProposer().propose(task, 6)]


def test_the_engine_tries_the_edits_the_failure_points_at_first(tmp_path: Path) -> None:
    assert _first_labels(tmp_path, "assert 6 == 7")[:2] == ["integer", "integer"]
    assert _first_labels(tmp_path, "assert -6 == 6")[0] != "integer"
    assert "operand swap" in _first_labels(tmp_path, "assert -6 == 6")[:3]
