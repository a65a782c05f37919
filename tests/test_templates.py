"""The template proposer: one test per operator family, then ordering, safety and limits."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest
from homeostasis.core.diff import edit_from_texts
from homeostasis.core.records import Candidate, Context, Suspect
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates.engine import TemplateProposer


def _suspect(path: str, line: int, score: float = 0.9) -> Suspect:
    return Suspect(path=path, line=line, score=score, source="sbfl", reason="test")


def _task(root: Path, *suspects: Suspect) -> RepairTask:
    return RepairTask(
        root=root, failures=(), suspects=suspects, context=Context(snippets=(), tokens=0, budget=0)
    )


def _write(root: Path, path: str, code: str) -> str:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    text = textwrap.dedent(code)
    target.write_text(text, encoding="utf-8")
    return text


def _apply(old: str, candidate: Candidate) -> str:
    (edit,) = candidate.edits
    assert old.count(edit.search) == 1
    return old.replace(edit.search, edit.replace)


def _new_lines(root: Path, code: str, line: int, budget: int = 100) -> list[str]:
    """The mutated suspect line of every candidate for ``code`` with a suspect on ``line``."""
    old = _write(root, "pkg/mod.py", code)
    candidates = TemplateProposer().propose(_task(root, _suspect("pkg/mod.py", line)), budget)
    return [_apply(old, c).splitlines()[line - 1].strip() for c in candidates]


@pytest.mark.parametrize(
    ("code", "line", "expected"),
    [
        ("def f(n):\n    return n < 10\n", 2, "return n <= 10"),
        ("def f(n):\n    return n == 0\n", 2, "return n != 0"),
        ("def f(x, xs):\n    return x in xs\n", 2, "return x not in xs"),
        ("def f(x):\n    return x is not None\n", 2, "return x is None"),
        ("def f(a, b):\n    return a + b\n", 2, "return a - b"),
        ("def f(a, b):\n    return a / b\n", 2, "return a // b"),
        ("def f(a):\n    a %= 7\n", 2, "a //= 7"),
        ("def f(a):\n    return a * 60\n", 2, "return a * 61"),
        ("def f(a):\n    return a * 60\n", 2, "return a * 59"),
        ("def f(xs):\n    return [x for x in range(len(xs))]\n", 2,
         "return [x for x in range(len(xs) - 1)]"),
        ("def f(xs, i, j):\n    return xs[i:j]\n", 2, "return xs[i + 1:j]"),
        ("def f(xs, i, j):\n    return xs[i:j]\n", 2, "return xs[i:j - 1]"),
        ("def f(xs):\n    return xs[len(xs)]\n", 2, "return xs[len(xs) - 1]"),
        ("def f(a, b):\n    return a and b\n", 2, "return a or b"),
        ("def f(a, b):\n    if a or b:\n        return 1\n", 2, "if not (a or b):"),
        ("def f(a):\n    while not a:\n        a = 1\n", 2, "while a:"),
        ("def f(a, b):\n    return max(a, b) - divmod(a, b)[0]\n", 2,
         "return max(a, b) - divmod(b, a)[0]"),
    ],
)
def test_operator_family_produces_the_mutation(
    tmp_path: Path, code: str, line: int, expected: str
) -> None:
    assert expected in _new_lines(tmp_path, code, line)


def test_candidate_records_edit_diff_description_and_template(tmp_path: Path) -> None:
    old = _write(tmp_path, "pkg/pricing.py", "def tier_for(q, m):\n    return q > m\n")
    task = _task(tmp_path, _suspect("pkg/pricing.py", 2, 0.87))
    first = next(TemplateProposer().propose(task, 1))
    new = old.replace("q > m", "q >= m")
    assert first.id == "t001"
    assert first.proposer == "templates"
    assert first.edits == (edit_from_texts("pkg/pricing.py", old, new),)
    assert "-    return q > m\n+    return q >= m\n" in first.diff
    assert first.description == (
        "pkg/pricing.py:2 in tier_for: `q > m` → `q >= m` (comparison; suspect score 0.87)"
    )
    assert (first.template, first.suspect_score, first.round, first.overfit) == (
        "comparison", 0.87, 1, "")


def test_boundary_swap_comes_before_arithmetic_and_literal_nudges(tmp_path: Path) -> None:
    lines = _new_lines(tmp_path, "def f(a, b):\n    return a + b < 10\n", 2)
    assert lines[0] == "return a + b <= 10"
    assert lines.index("return a + b < 11") < lines.index("return a - b < 10")


def test_suspects_are_taken_in_score_order(tmp_path: Path) -> None:
    _write(tmp_path, "pkg/mod.py", "def f(a, b):\n    x = a + b\n    return x < 3\n")
    task = _task(tmp_path, _suspect("pkg/mod.py", 2, 0.2), _suspect("pkg/mod.py", 3, 0.8))
    descriptions = [c.description for c in TemplateProposer().propose(task, 100)
                    if c.round != 2]
    assert descriptions[0].startswith("pkg/mod.py:3 ")
    assert descriptions[-1].startswith("pkg/mod.py:2 ")


def test_multiline_statement_is_mutated_as_a_whole(tmp_path: Path) -> None:
    code = "def f(a, b):\n    return (a\n            < b)\n"
    old = _write(tmp_path, "pkg/mod.py", code)
    first = next(TemplateProposer().propose(_task(tmp_path, _suspect("pkg/mod.py", 2)), 1))
    assert _apply(old, first) == code.replace("< b", "<= b")


def test_test_files_are_never_mutated(tmp_path: Path) -> None:
    code = "def test_f():\n    assert 1 < 2\n"
    for path in ("tests/test_mod.py", "pkg/test_mod.py", "conftest.py"):
        _write(tmp_path, path, code)
    task = _task(tmp_path, *(_suspect(p, 2) for p in ("tests/test_mod.py", "conftest.py")))
    assert list(TemplateProposer().propose(task, 50)) == []
    inside_package = _task(tmp_path, _suspect("pkg/test_mod.py", 2))
    assert list(TemplateProposer().propose(inside_package, 5)) == []


def test_budget_is_respected(tmp_path: Path) -> None:
    code = "def f(a, b):\n    return a + b * 2 < 10 and a != b\n"
    assert len(_new_lines(tmp_path, code, 2, budget=100)) > 5
    assert len(_new_lines(tmp_path, code, 2, budget=5)) == 5
    assert _new_lines(tmp_path, code, 2, budget=0) == []


def test_same_task_gives_same_candidates(tmp_path: Path) -> None:
    _write(tmp_path, "pkg/mod.py", "def f(xs, n):\n    return xs[1:n] + [n // 2 > 1]\n")
    task = _task(tmp_path, _suspect("pkg/mod.py", 2), _suspect("pkg/mod.py", 1, 0.5))
    first = list(TemplateProposer().propose(task, 100))
    assert first
    assert first == list(TemplateProposer().propose(task, 100))


def test_candidates_parse_and_are_distinct_programs(tmp_path: Path) -> None:
    # Line 3 continues the statement of line 2, so both suspects reach ``b - 1``; swapping
    # ``max(a, a)`` changes nothing.
    code = "def f(a, b):\n    return max(a, a) + min(a,\n                           b - 1)\n"
    old = _write(tmp_path, "pkg/mod.py", code)
    suspects = (_suspect("pkg/mod.py", 2), _suspect("pkg/mod.py", 3, 0.5))
    candidates = list(TemplateProposer().propose(_task(tmp_path, *suspects), 100))
    dumps = [ast.dump(ast.parse(_apply(old, c))) for c in candidates]
    assert len(dumps) == len(set(dumps)) > 0
    assert ast.dump(ast.parse(old)) not in dumps
    assert [c.id for c in candidates] == [f"t{n:03d}" for n in range(1, len(candidates) + 1)]


def test_non_ascii_source_is_edited_at_the_right_columns(tmp_path: Path) -> None:
    lines = _new_lines(tmp_path, "def f(n):\n    return ('€€', n > 1)\n", 2)
    assert lines[0] == "return ('€€', n >= 1)"


def test_unusable_files_yield_nothing(tmp_path: Path) -> None:
    _write(tmp_path, "pkg/broken.py", "def f(n):\n    return n < (\n")
    (tmp_path / "pkg" / "binary.py").write_bytes(b"x = '\xff\xfe' < 1\n")
    suspects = [_suspect(p, 2) for p in ("pkg/broken.py", "pkg/missing.py", "../outside.py")]
    suspects.append(_suspect("pkg/binary.py", 1))
    assert list(TemplateProposer().propose(_task(tmp_path, *suspects), 10)) == []


def test_nodes_inside_f_strings_are_left_alone(tmp_path: Path) -> None:
    lines = _new_lines(tmp_path, "def f(n):\n    return f'{n + 1}' + str(n - 2)\n", 2)
    returns = [line for line in lines if line.startswith("return")]
    assert returns
    # inner nodes keep their text; an edit may still drop or wrap the f-string as a whole
    assert all("{n + 1}" in line for line in returns if "f'" in line)
    assert "{" not in "".join(line for line in returns if "f'" not in line)
    assert "return f'{n + 1}' + str(n - 3)" in lines


def test_what_a_suspect_function_reads_from_module_level_is_a_site_too(tmp_path: Path) -> None:
    """A constant or a default value is run at import, outside every test: no spectrum or
    traceback names its line, yet it is where the fault may be."""
    code = """\
        LIMIT = 3
        UNUSED = 7


        def allowed(attempts, step=1):
            return attempts + step <= LIMIT
        """
    old = _write(tmp_path, "pkg/mod.py", code)
    candidates = list(TemplateProposer().propose(_task(tmp_path, _suspect("pkg/mod.py", 6)),
                                                 1000))
    programs = [_apply(old, c) for c in candidates]
    assert any(p.startswith("LIMIT = 4\n") for p in programs)
    assert any("def allowed(attempts, step=0):" in p for p in programs)
    assert all("UNUSED = 7\n" in p for p in programs)
    lines = [c.description.split(":")[1].split()[0] for c in candidates]
    assert lines[0] == "6" and set(lines) >= {"1", "5", "6"}  # the suspect line first


@pytest.mark.parametrize(
    ("code", "line", "expected"),
    [
        ("def f(name):\n    name.strip()\n    return name\n", 2, "name = name.strip()"),
        ("def f(xs):\n    sorted(xs)\n    return xs\n", 2, "xs = sorted(xs)"),
        ("def g(r):\n    return dict(r, ok=True)\n\ndef f(r):\n    g(r)\n    return r\n", 5,
         "r = g(r)"),
        ("def f(word):\n    word.upper()\n", 2, "return word.upper()"),
    ],
)
def test_a_result_thrown_away_is_kept(tmp_path: Path, code: str, line: int,
                                       expected: str) -> None:
    assert expected in _new_lines(tmp_path, code, line)


def test_a_call_made_for_its_effect_is_not_assigned(tmp_path: Path) -> None:
    code = "def f(xs, x):\n    xs.append(x)\n    print(xs)\n    return xs\n"
    assert not [x for x in _new_lines(tmp_path, code, 2) if x.startswith("xs = ")]
    assert not [x for x in _new_lines(tmp_path, code, 3) if x.startswith("xs = print")]


def test_a_loop_walks_its_items_the_other_way(tmp_path: Path) -> None:
    code = "def f(xs):\n    out = []\n    for x in xs:\n        out.append(x)\n    return out\n"
    assert "for x in reversed(xs):" in _new_lines(tmp_path, code, 3)
    ranged = "def f(n):\n    for i in range(n):\n        print(i)\n"
    assert "for i in reversed(range(n)):" in _new_lines(tmp_path, ranged, 2)
