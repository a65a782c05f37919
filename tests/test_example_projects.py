"""The bundled example projects fail exactly as documented, their known fixes heal them, and
the template proposer finds each fix among its first candidates."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from homeostasis.core.records import Context, Suspect
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates.engine import TemplateProposer

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@dataclass(frozen=True)
class Example:
    name: str
    path: str
    buggy: str
    fixed: str
    failing: frozenset[str]
    passing: int

    @property
    def line(self) -> int:
        text = (EXAMPLES / self.name / self.path).read_text(encoding="utf-8")
        return text[: text.index(self.buggy)].count("\n") + 1


CASES = [
    Example(
        name="invoicing",
        path="invoicing/pricing.py",
        buggy="if quantity > tier.min_quantity:",
        fixed="if quantity >= tier.min_quantity:",
        failing=frozenset({
            "tests/test_pricing.py::test_tier_applies_from_its_minimum_quantity",
            "tests/test_pricing.py::test_bulk_order_of_exactly_fifty_gets_ten_percent",
        }),
        passing=15,
    ),
    Example(
        name="shipping",
        path="shipping/routes.py",
        buggy="return self.stops[len(self.stops)]",
        fixed="return self.stops[len(self.stops) - 1]",
        failing=frozenset({
            "tests/test_shipping.py::test_destination_is_last_stop",
            "tests/test_shipping.py::test_label_names_both_ends_and_the_weight",
        }),
        passing=4,
    ),
]


def _pytest(project: Path) -> tuple[set[str], int, str]:
    """The failing test ids, the number of passing tests and the output of one run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider"],
        cwd=project, capture_output=True, text=True, timeout=120, env=env, check=False,
    )
    out = done.stdout + done.stderr
    failed = set(re.findall(r"^FAILED (\S+)", out, re.MULTILINE))
    passed = re.search(r"(\d+) passed", out)
    return failed, int(passed.group(1)) if passed else 0, out


@pytest.fixture(params=CASES, ids=[c.name for c in CASES])
def example(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Example, Path]:
    case: Example = request.param
    copy = tmp_path / case.name
    shutil.copytree(EXAMPLES / case.name, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return case, copy


@pytest.mark.slow
def test_example_fails_exactly_as_documented_and_the_fix_heals_it(
    example: tuple[Example, Path],
) -> None:
    case, copy = example
    failed, passed, out = _pytest(copy)
    assert failed == case.failing, out
    assert passed == case.passing, out

    source = copy / case.path
    text = source.read_text(encoding="utf-8")
    assert text.count(case.buggy) == 1
    source.write_text(text.replace(case.buggy, case.fixed), encoding="utf-8")
    failed, passed, out = _pytest(copy)
    assert failed == set(), out
    assert passed == case.passing + len(case.failing), out


def test_template_proposer_finds_the_fix_in_its_first_five(example: tuple[Example, Path]) -> None:
    case, copy = example
    task = RepairTask(
        root=copy,
        failures=(),
        suspects=(Suspect(case.path, case.line, 0.9, "sbfl", "covered by failing tests only"),),
        context=Context(snippets=(), tokens=0, budget=0),
    )
    old = (copy / case.path).read_text(encoding="utf-8")
    wanted = old.replace(case.buggy, case.fixed)
    results = []
    for candidate in TemplateProposer().propose(task, 5):
        (edit,) = candidate.edits
        results.append(old.replace(edit.search, edit.replace))
    assert len(results) <= 5
    assert wanted in results
