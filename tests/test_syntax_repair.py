"""Syntax repairs: literal broken sources, each repaired into code that compiles; and the
template proposer's syntax path that turns them into candidates."""

from __future__ import annotations

from pathlib import Path

import pytest
from homeostasis.core.edits import apply_edits
from homeostasis.core.records import Context, Suspect
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates.engine import TemplateProposer
from homeostasis.propose.templates.syntax_errors import compiles, syntax_repairs


def _error_line(text: str) -> int:
    """The line Python itself names for the syntax error in ``text``."""
    try:
        compile(text, "<test>", "exec", dont_inherit=True)
    except SyntaxError as exc:
        assert exc.lineno is not None
        return exc.lineno
    raise AssertionError("the sample source compiles")


def _repairs(text: str, line: int | None = None) -> list[tuple[str, int, str]]:
    return list(syntax_repairs(text, _error_line(text) if line is None else line))


# (broken source, line edited by the first repair, what it says, that line afterwards)
CASES = [
    ("x = 1\nif x > 0\n    y = 2\n", 2, "add the missing ':'", "if x > 0:"),
    ("def f(a)\n    return a\n", 1, "add the missing ':'", "def f(a):"),
    ("for i in range(3)\n    print(i)\n", 1, "add the missing ':'", "for i in range(3):"),
    ("if x:\n    pass\nelse\n    pass\n", 3, "add the missing ':'", "else:"),
    ("class A\n    pass\n", 1, "add the missing ':'", "class A:"),
    ("x = 1\nif x = 3:\n    pass\n", 2, "compare with '==' instead of assigning", "if x == 3:"),
    ("print(foo(1, 2)\nx = 1\n", 1, "close the open bracket with ')'", "print(foo(1, 2))"),
    ("total = max(1,\n            2\ny = 3\n", 2, "close the open bracket with ')'",
     "            2)"),
    ("x = (1 + 2))\n", 1, "remove the unmatched closing bracket", "x = (1 + 2)"),
    ("def f():\n    a = 1\n        b = 2\n    return a\n", 3,
     "align with the line above (indentation)", "    b = 2"),
    ("if x > 0  # note: positive\n    pass\n", 1, "add the missing ':'",
     "if x > 0: # note: positive"),
    ("if s == '#'\n    pass\n", 1, "add the missing ':'", "if s == '#':"),
    ("if s == 'a # b'  # c: d\n    pass\n", 1, "add the missing ':'",
     "if s == 'a # b': # c: d"),
]


@pytest.mark.parametrize(("text", "line", "what", "fixed"), CASES)
def test_first_repair_fixes_the_line_and_compiles(
    text: str, line: int, what: str, fixed: str
) -> None:
    assert not compiles(text)
    repairs = _repairs(text)
    assert repairs, "no repair found"
    first_what, first_line, new = repairs[0]
    assert (first_what, first_line) == (what, line)
    assert new.splitlines()[line - 1] == fixed
    assert compiles(new)
    # Only the repaired line changed.
    old_lines, new_lines = text.splitlines(), new.splitlines()
    assert len(old_lines) == len(new_lines)
    assert [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b] == [
        line - 1
    ]


@pytest.mark.parametrize(("text", "line", "what", "fixed"), CASES)
def test_every_repair_compiles_and_none_repeats(
    text: str, line: int, what: str, fixed: str
) -> None:
    repairs = _repairs(text)
    texts = [new for _, _, new in repairs]
    assert texts  # every case has at least the repair the test above checks
    assert all(compiles(new) for new in texts)
    assert len(texts) == len(set(texts))


def test_the_line_before_is_tried_and_gives_no_duplicate() -> None:
    # Pointing at the line after the unclosed call reaches it through the line before; pointing
    # at the call itself finds the same repair only once although both lines are tried.
    text = "x = foo(1, 2\ny = 3\n"
    after = _repairs(text, line=2)
    assert [(w, n) for w, n, _ in after] == [("close the open bracket with ')'", 1)]
    assert after[0][2] == "x = foo(1, 2)\ny = 3\n"
    at = _repairs(text, line=1)
    assert [new for _, _, new in at] == [after[0][2]]


def test_missing_colon_comes_first_ahead_of_repairs_on_the_line_before() -> None:
    text = "def f():\n    return 1\n\nwhile True\n    break\n"
    repairs = _repairs(text)
    assert repairs[0][:2] == ("add the missing ':'", 4)
    assert repairs[0][2] == "def f():\n    return 1\n\nwhile True:\n    break\n"


def test_indentation_repairs_come_in_order_align_then_dedent() -> None:
    text = "def f():\n    pass\n        pass\n"
    repairs = _repairs(text)
    assert [(w, n) for w, n, _ in repairs] == [
        ("align with the line above (indentation)", 3),
        ("dedent one level (indentation)", 3),
    ]
    assert repairs[0][2] == "def f():\n    pass\n    pass\n"
    assert repairs[1][2] == "def f():\n    pass\npass\n"


def test_crlf_line_endings_are_kept() -> None:
    text = "def f(a)\r\n    return a\r\n\r\nx = f(1)\r\n"
    repairs = _repairs(text)
    assert repairs[0][0] == "add the missing ':'"
    assert repairs[0][2] == "def f(a):\r\n    return a\r\n\r\nx = f(1)\r\n"
    assert all(new.count("\r\n") == new.count("\n") for _, _, new in repairs)


def test_crlf_kept_for_a_later_line_closing_a_bracket() -> None:
    text = "x = foo(1,\r\n        2\r\ny = 3\r\n"
    (what, line, new), *_ = _repairs(text)
    assert (what, line) == ("close the open bracket with ')'", 2)
    assert new == "x = foo(1,\r\n        2)\r\ny = 3\r\n"


def test_no_repair_for_a_line_out_of_range_or_unfixable_source() -> None:
    assert list(syntax_repairs("def f(:\n    pass\n", 99)) == []
    assert list(syntax_repairs("x = = = 1\n", 1)) == []


# ── the template proposer's syntax path ─────────────────────────────────────────────────────


def _task(root: Path, *suspects: Suspect) -> RepairTask:
    return RepairTask(
        root=root, failures=(), suspects=suspects, context=Context(snippets=(), tokens=0, budget=0)
    )


def _syntax_suspect(path: str, line: int, score: float = 1.0) -> Suspect:
    return Suspect(path, line, score, "syntax", "SyntaxError: expected ':'")


def _write(root: Path, path: str, text: str) -> str:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.encode("utf-8"))
    return text


def test_template_proposer_offers_the_syntax_fix_first(tmp_path: Path) -> None:
    old = _write(tmp_path, "pkg/mod.py", "def f(a)\n    return a + 1\n")
    task = _task(tmp_path, _syntax_suspect("pkg/mod.py", 1))
    cands = list(TemplateProposer().propose(task, 10))
    assert cands
    first = cands[0]
    assert first.id == "t001"
    assert first.proposer == "templates"
    assert "add the missing ':'" in first.description
    assert first.description.startswith("pkg/mod.py:1:")
    assert "syntax repair" in first.description
    assert first.template == "syntax"
    new = apply_edits({"pkg/mod.py": old}, first.edits)["pkg/mod.py"]
    assert new == "def f(a):\n    return a + 1\n"
    assert "+def f(a):" in first.diff and "-def f(a)" in first.diff
    for cand in cands:
        (edit,) = cand.edits
        assert edit.path == "pkg/mod.py"
        assert compiles(apply_edits({"pkg/mod.py": old}, cand.edits)["pkg/mod.py"])
    assert (tmp_path / "pkg/mod.py").read_text() == old  # proposers never write


def test_template_proposer_keeps_crlf_through_the_edit(tmp_path: Path) -> None:
    old = _write(tmp_path, "mod.py", "x = 1\r\nif x = 3:\r\n    pass\r\n")
    (first, *_) = TemplateProposer().propose(_task(tmp_path, _syntax_suspect("mod.py", 2)), 5)
    assert "compare with '=='" in first.description
    new = apply_edits({"mod.py": old}, first.edits)["mod.py"]
    assert new == "x = 1\r\nif x == 3:\r\n    pass\r\n"


@pytest.mark.parametrize("path", ["tests/test_mod.py", "test_mod.py", "pkg/conftest.py"])
def test_template_proposer_never_edits_a_test_file(tmp_path: Path, path: str) -> None:
    _write(tmp_path, path, "def test_f()\n    assert True\n")
    assert list(TemplateProposer().propose(_task(tmp_path, _syntax_suspect(path, 1)), 10)) == []


def test_template_proposer_respects_the_budget(tmp_path: Path) -> None:
    _write(tmp_path, "a.py", "def f():\n    pass\n        pass\n")  # two repairs
    _write(tmp_path, "b.py", "def g()\n    pass\n")
    suspects = (_syntax_suspect("a.py", 3, 1.0), _syntax_suspect("b.py", 1, 0.9))
    proposer = TemplateProposer()
    assert len(list(proposer.propose(_task(tmp_path, *suspects), 10))) == 3
    one = list(proposer.propose(_task(tmp_path, *suspects), 1))
    assert [c.id for c in one] == ["t001"]
    assert "align with the line above" in one[0].description
    two = list(proposer.propose(_task(tmp_path, *suspects), 2))
    assert [c.edits[0].path for c in two] == ["a.py", "a.py"]
    assert list(proposer.propose(_task(tmp_path, *suspects), 0)) == []


def test_template_proposer_numbers_candidates_across_suspects(tmp_path: Path) -> None:
    _write(tmp_path, "a.py", "class A\n    pass\n")
    _write(tmp_path, "b.py", "def g()\n    pass\n")
    suspects = (_syntax_suspect("a.py", 1, 1.0), _syntax_suspect("b.py", 1, 0.5))
    cands = list(TemplateProposer().propose(_task(tmp_path, *suspects), 10))
    assert [(c.id, c.edits[0].path) for c in cands] == [("t001", "a.py"), ("t002", "b.py")]
