"""Candidates identical by AST to one already offered are never offered (nor tried) again:
the same program written twice by two operators, a change of layout or comment only."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

from homeostasis.core.records import Context, Suspect
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates.dedup import Offered
from homeostasis.propose.templates.engine import TemplateProposer, mutations_at
from homeostasis.propose.templates.mutations import Mutation, Source
from homeostasis.propose.templates.registry import TEMPLATES
from homeostasis.propose.templates.site import Site

CODE = "def pay(x, rate):\n    if not x > 0:\n        return 0\n    return x * rate\n"


def _site(text: str = CODE, line: int = 2) -> Site:
    return Site("m.py", Source(text), ast.parse(text), Suspect("m.py", line, 1.0, "sbfl", "r"))


def _apply(text: str, m: Mutation) -> str:
    return text[: m.start] + m.replacement + text[m.end :]


def test_two_operators_write_the_same_program_and_it_is_offered_once(tmp_path: Path) -> None:
    programs = Counter(ast.dump(ast.parse(_apply(CODE, m)))
                       for m, _ in mutations_at(_site(), TEMPLATES))
    twice = {p for p, n in programs.items() if n > 1}
    assert twice  # ``x > 0`` and ``(x > 0)``: the negation dropped by two operators
    (tmp_path / "m.py").write_text(CODE, encoding="utf-8")
    task = RepairTask(tmp_path, (), (Suspect("m.py", 2, 1.0, "sbfl", "r"),), Context((), 0, 0))
    offered = [ast.dump(ast.parse(CODE.replace(c.edits[0].search, c.edits[0].replace, 1)))
               for c in TemplateProposer().propose(task, 10_000)]
    assert len(offered) == len(set(offered))
    assert twice <= set(offered)
    assert ast.dump(ast.parse(CODE)) not in offered


def test_layout_and_comments_do_not_make_a_new_program() -> None:
    site = _site()
    offered = Offered([site])
    start = CODE.index("x > 0")
    first = Mutation(start, start + 5, "x >= 0", "comparison", (start, start + 5))
    again = Mutation(start, start + 5, "x>=0", "comparison", (start, start + 5))
    comment = Mutation(start, start + 5, "x > 0  # positive", "comment", (start, start + 5))
    assert offered.fresh({"m.py": (_apply(CODE, first), [first])}) is not None
    assert offered.fresh({"m.py": (_apply(CODE, again), [again])}) is None
    assert offered.fresh({"m.py": (_apply(CODE, comment), [comment])}) is None
    broken = Mutation(start, start + 5, "x >", "comparison", (start, start + 5))
    assert offered.fresh({"m.py": (_apply(CODE, broken), [broken])}) is None


def test_only_the_statement_an_edit_changed_is_compared() -> None:
    offered = Offered([_site(line=3)])
    lo = CODE.index("        return 0\n")
    whole = (lo, lo + len("        return 0\n"))
    replaced = Mutation(*whole, "        return 1\n", "constant", whole)
    [(before, after)] = offered.fresh({"m.py": (_apply(CODE, replaced), [replaced])}) or []
    assert isinstance(before, ast.Return) and isinstance(after, ast.Return)
    code = "def f(x):\n    y = x\n    y += 1\n    return y\n"
    lo = code.index("    y += 1\n")
    deleted = Mutation(lo, lo + len("    y += 1\n"), "", "delete", (lo, lo))
    offered = Offered([_site(code)])  # the lines around a deleted one are compared
    [(before, after)] = offered.fresh({"m.py": (_apply(code, deleted), [deleted])}) or []
    assert isinstance(before, ast.FunctionDef) and isinstance(after, ast.FunctionDef)
