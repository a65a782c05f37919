"""The systematic single edits: what each operator writes on a small realistic line, that a bug
no fault template is written for is still offered (and fixed, in a real sandbox), and that
templates' edits past their cap come in the systematic tier."""

from __future__ import annotations

import ast
import io
import textwrap
from pathlib import Path

import pytest
from helpers import write_project
from homeostasis.core.config import Settings
from homeostasis.core.records import Context, Suspect
from homeostasis.loop import Decision, heal
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates import exhaustive
from homeostasis.propose.templates.engine import TemplateProposer
from homeostasis.propose.templates.mutations import EXHAUSTIVE, Source
from homeostasis.propose.templates.registry import TEMPLATES, template
from homeostasis.propose.templates.site import Site, SiteTemplate
from homeostasis.ui import Console

PATH = "pkg/mod.py"

#: A binary search whose right half starts at ``mid`` instead of ``mid + 1``: it never ends
#: when ``x`` is above the last element. No fault template offers the fix.
SEARCH = """\
    def find(arr, x):
        def search(lo, hi):
            if lo >= hi:
                return -1
            mid = (lo + hi) // 2
            if arr[mid] == x:
                return mid
            if arr[mid] < x:
                return search(mid, hi)
            return search(lo, mid)
        return search(0, len(arr))
    """
SEARCH_TESTS = """\
    from search import find

    def test_found():
        assert find([1, 3, 5, 7], 5) == 2

    def test_first():
        assert find([1, 3, 5, 7], 1) == 0

    def test_last():
        assert find([1, 3, 5, 7], 7) == 3

    def test_missing_above():
        assert find([1, 3, 5, 7], 8) == -1
    """


def _lines(apply: SiteTemplate, code: str, line: int) -> list[str]:
    text = textwrap.dedent(code)
    site = Site(PATH, Source(text), ast.parse(text), Suspect(PATH, line, 0.9, "sbfl", "r"))
    out = []
    for m in apply(site):
        new = text[: m.start] + m.replacement + text[m.end :]
        ast.parse(new)
        assert m.tier is None or m.tier == EXHAUSTIVE
        out.append(new.splitlines()[line - 1].strip())
    return out


def test_plus_minus_one_nudges_call_arguments_and_index_items() -> None:
    assert _lines(exhaustive.plus_minus_one, "def f(lo, hi):\n    return g(lo, hi)\n", 2) == [
        "return g(lo, hi) + 1", "return g(lo, hi) - 1", "return g(lo + 1, hi)",
        "return g(lo - 1, hi)", "return g(lo, hi + 1)", "return g(lo, hi - 1)"]
    lines = _lines(exhaustive.plus_minus_one, "def f(dp, i, j):\n    x = dp[i - 1, j]\n", 2)
    assert "x = dp[i - 1, j - 1]" in lines and "x = dp[i - 1 + 1, j]" in lines
    assert _lines(exhaustive.plus_minus_one, "def f():\n    return 'a' + 'b'\n", 2) == []


def test_other_constant_tries_zero_one_minus_one_and_flips_booleans() -> None:
    assert _lines(exhaustive.other_constant, "def f():\n    return 5\n", 2) == [
        "return 0", "return 1", "return -1"]
    assert _lines(exhaustive.other_constant, "def f():\n    return 0\n", 2) == []  # ±1 covers
    assert _lines(exhaustive.other_constant, "def f():\n    return 2.5\n", 2) == [
        "return 0.0", "return 1.0", "return -1.0", "return 3.5", "return 1.5"]
    assert _lines(exhaustive.other_constant, "def f():\n    done = True\n", 2) == [
        "done = False"]


def test_toggle_not_adds_and_removes_not_where_a_truth_value_is_used() -> None:
    assert _lines(exhaustive.toggle_not, "def f(a, b):\n    return a < b\n", 2) == [
        "return not a < b"]
    assert _lines(exhaustive.toggle_not, "def f(a, b):\n    return not a and b\n", 2) == [
        "return a and b", "return not (not a and b)", "return not a and not b"]
    assert _lines(exhaustive.toggle_not, "def f(xs):\n    return [x for x in xs if x]\n",
                  2) == ["return [x for x in xs if not x]"]


def test_drop_operand_unwrap_call_and_slice_bounds() -> None:
    assert _lines(exhaustive.drop_operand, "def f(a, b):\n    return 1 + g(a, b)\n", 2) == [
        "return g(a, b)", "return 1"]
    assert _lines(exhaustive.unwrap_call, "def f(x):\n    yield flatten(x)\n", 2) == [
        "yield x"]
    assert _lines(exhaustive.swap_addition, "def f(out, d):\n    out = out + d[0]\n", 2) == [
        "out = d[0] + out"]
    assert _lines(exhaustive.drop_slice_bound, "def f(xs, n):\n    return xs[1:n]\n", 2) == [
        "return xs[:n]", "return xs[1:]"]


def test_distant_arguments_assignments_jumps_and_returned_locals() -> None:
    assert _lines(exhaustive.swap_distant_arguments,
                  "def f(a, b, c):\n    return g(a, b, c)\n", 2) == ["return g(c, b, a)"]
    assert _lines(exhaustive.assignment_kind, "def f(t, x):\n    t = x\n", 2) == ["t += x"]
    assert _lines(exhaustive.assignment_kind, "def f(t, x):\n    t -= x\n", 2) == ["t = x"]
    assert _lines(exhaustive.swap_jump,
                  "def f(xs):\n    for x in xs:\n        break\n", 3) == ["continue"]
    assert _lines(exhaustive.return_local,
                  "def f(xs):\n    best = max(xs)\n    return len(xs)\n", 3) == [
        "return xs", "return best"]


def _task(root: Path, code: str, line: int) -> RepairTask:
    (root / "search.py").write_text(textwrap.dedent(code), encoding="utf-8")
    return RepairTask(root, (), (Suspect("search.py", line, 1.0, "sbfl", "r"),),
                      Context((), 0, 0))


def test_a_bug_no_template_targets_is_offered_by_the_systematic_edits(tmp_path: Path) -> None:
    task = _task(tmp_path, SEARCH, 9)
    fix = "search(mid + 1, hi)"
    templates_only = [t for t in TEMPLATES if t.family != "exhaustive"]
    offered = list(TemplateProposer(templates_only).propose(task, 10_000))
    assert offered and not any(fix in c.edits[0].replace for c in offered)
    everything = list(TemplateProposer().propose(task, 10_000))
    assert len(everything) > len(offered)
    assert any(fix in c.edits[0].replace for c in everything[:30])


def test_edits_past_a_templates_cap_come_in_the_systematic_tier() -> None:
    params = ", ".join(f"p{i}" for i in range(15))
    text = f"def f({params}):\n    return p0 + p1\n"
    site = Site(PATH, Source(text), ast.parse(text), Suspect(PATH, 2, 0.9, "sbfl", "r"))
    replace_variable = template("replace_variable")
    capped, every = list(replace_variable(site)), list(replace_variable.every(site))
    assert len(capped) == replace_variable.cap
    assert every[: len(capped)] == capped
    assert len(every) > len(capped)
    assert {m.tier for m in every[len(capped):]} == {EXHAUSTIVE}


@pytest.mark.e2e
def test_the_systematic_edits_repair_a_bug_no_template_targets(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {"search.py": textwrap.dedent(SEARCH),
                                             "tests/test_search.py":
                                             textwrap.dedent(SEARCH_TESTS)})
    result = heal(project, Settings(jobs=2, timeout=20), Console(out=io.StringIO()),
                  Decision("dry_run"), TemplateProposer())
    assert result.ranking is not None and result.ranking.ranked
    best = result.ranking.ranked[0].candidate_id
    diff = (result.run_dir / "winner.diff").read_text(encoding="utf-8")
    assert "+            return search(mid + 1, hi)" in diff, (best, diff)
