"""The wrong-name and condition templates: the exact fixed line each one produces, where it
does not apply, its cap, and the proposer ranking their fixes near the top."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from homeostasis.core.records import Context, Failure, Frame, Suspect
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates.engine import TemplateProposer
from homeostasis.propose.templates.mutations import OPERATOR, OTHER, STRUCTURE, Mutation, Source
from homeostasis.propose.templates.registry import template
from homeostasis.propose.templates.site import Site, SiteTemplate

PATH = "pkg/mod.py"


def _site(code: str, line: int, failures: tuple[Failure, ...] = ()) -> Site:
    text = textwrap.dedent(code)
    suspect = Suspect(PATH, line, 0.9, "sbfl", "r")
    return Site(PATH, Source(text), ast.parse(text), suspect, failures)


def _fixed(site: Site, mutation: Mutation) -> str:
    text = site.source.text
    new = text[: mutation.start] + mutation.replacement + text[mutation.end :]
    ast.parse(new)
    return new.splitlines()[site.suspect.line - 1]


def _lines(template: SiteTemplate, code: str, line: int) -> list[str]:
    site = _site(code, line)
    return [_fixed(site, m) for m in template(site)]


WAREHOUSE = """\
    class Warehouse:
        def reserve(self, sku, qty):
            item = self.item(sku)
            on_hand = item.on_hand
            available = on_hand - item.reserved
            if qty > on_hand:
                raise ValueError(available)
            item.reserved += qty
    """


def test_replace_variable_offers_the_other_locals_in_scope() -> None:
    lines = _lines(template("replace_variable"), WAREHOUSE, 6)
    assert lines[:2] == ["        if available > on_hand:", "        if qty > available:"]
    assert "        if qty > qty:" in lines  # a name already on the line comes last
    assert lines.index("        if qty > qty:") > lines.index("        if qty > sku:")
    assert not any("self" in line for line in lines)


def test_replace_variable_prefers_alike_names_and_skips_names_bound_later() -> None:
    code = """\
        def box(points):
            min_x = min(p.x for p in points)
            max_x = max(p.x for p in points)
            width = max_x - max_x
            height = 0
            return width, height
        """
    site = _site(code, 4)
    found = list(template("replace_variable")(site))
    assert _fixed(site, found[0]) == "    width = min_x - max_x"
    assert found[0].tier == OPERATOR
    assert "    width = max_x - min_x" in [_fixed(site, m) for m in found]
    assert not any("height" in _fixed(site, m) for m in found)


def test_replace_variable_needs_a_function_and_is_capped() -> None:
    assert _lines(template("replace_variable"), "a = 1\nb = a\n", 2) == []
    params = ", ".join(f"p{i}" for i in range(15))
    code = f"def f({params}):\n    return p0 + p1\n"
    assert len(_lines(template("replace_variable"), code, 2)) == 8


def test_self_or_local_turns_a_parameter_into_the_attribute_and_back() -> None:
    code = """\
        class Calendar:
            def __init__(self, weekend, limit):
                self.weekend = frozenset(weekend)
                self.days = tuple(d for d in range(7) if d not in weekend)
                self.limit = limit
                self.cap = self.limit + 1
        """
    assert _lines(template("self_or_local"), code, 4) == [
        "        self.days = tuple(d for d in range(7) if d not in self.weekend)"]
    assert _lines(template("self_or_local"), code, 6) == ["        self.cap = limit + 1"]
    assert _lines(template("self_or_local"), "def f(weekend):\n    return weekend\n", 2) == []


def test_replace_attribute_uses_attributes_of_the_same_object() -> None:
    code = """\
        def total_km(roads):
            return sum(r.km for r in roads)

        def total_minutes(roads):
            return sum(r.minutes for r in roads)

        def fastest(net):
            return net.best(lambda road: road.km)
        """
    site = _site(code, 8)
    found = list(template("replace_attribute")(site))
    assert [_fixed(site, m) for m in found] == ["    return net.best(lambda road: road.minutes)"]
    assert found[0].tier == STRUCTURE
    assert _lines(template("replace_attribute"), "def f(a):\n    return a.x\n", 2) == []


def test_replace_callee_tries_sibling_builtins_methods_and_imports() -> None:
    code = """\
        from math import ceil, floor

        class Cart:
            def total(self):
                return self.subtotal(1) + max(self.prices) + floor(self.tax)

            def subtotal(self, n):
                return n

            def count(self):
                return 0

            def discount(self, rate):
                return rate
        """
    site = _site(code, 5)
    by_line = {_fixed(site, m): m for m in template("replace_callee")(site)}
    assert set(by_line) == {
        "        return self.discount(1) + max(self.prices) + floor(self.tax)",
        "        return self.subtotal(1) + min(self.prices) + floor(self.tax)",
        "        return self.subtotal(1) + max(self.prices) + ceil(self.tax)",
    }  # neither total() nor count() takes an argument
    assert by_line["        return self.subtotal(1) + min(self.prices) + floor(self.tax)"].tier \
        == OPERATOR
    assert _lines(template("replace_callee"), "def f(s):\n    return s.startswith('x')\n", 2) == [
        "    return s.endswith('x')"]
    assert _lines(template("replace_callee"), "def f(g):\n    return g(1)\n", 2) == []


def test_drop_clause_leaves_out_each_clause() -> None:
    code = "def ok(a, b, c):\n    if a and (b or c):\n        return 1\n"
    assert _lines(template("drop_clause"), code, 2) == [
        "    if (b or c):", "    if a:", "    if a and (c):", "    if a and (b):"]
    assert _lines(template("drop_clause"), "def f(a):\n    if a:\n        pass\n", 2) == []


def test_add_clause_adds_the_symmetric_comparison() -> None:
    code = """\
        class Booking:
            def overlaps(self, other):
                return self.room == other.room and self.start < other.end
        """
    lines = _lines(template("add_clause"), code, 3)
    assert lines == [
        "        return self.room == other.room and self.start < other.end"
        " and other.start < self.end"]


def test_add_clause_borrows_a_guard_from_the_same_function() -> None:
    code = """\
        def skip_blank(lines, i):
            if i >= len(lines):
                return i
            while lines[i] == "":
                i += 1
            return i
        """
    lines = _lines(template("add_clause"), code, 4)
    assert '    while i < len(lines) and lines[i] == "":' in lines
    assert '    while lines[i] == "" or i >= len(lines):' in lines
    assert len(lines) == 4
    assert _lines(template("add_clause"), "def f(a, b):\n    if a:\n        pass\n", 2) == []


def test_none_guard_guards_an_optional_name() -> None:
    code = """\
        def label(user: User | None, size):
            if user.name and size:
                return user.name
        """
    assert _lines(template("none_check"), code, 2) == [
        "    if user is not None and user.name and size:",
        "    if user is None or (user.name and size):"]
    failure = Failure("t", "AttributeError", "'NoneType' object has no attribute 'name'")
    site = _site(code, 2, (failure,))
    assert {m.tier for m in template("none_check")(site)} == {STRUCTURE}  # not raised here
    assert _lines(template("none_check"), "def f(user):\n    if user.name:\n        pass\n",
                  2) == []


def test_none_guard_is_likelier_when_the_line_raised_on_none() -> None:
    code = "def f(d, k):\n    x = d.get(k)\n    return x.size > 1\n"
    frame_here = (Frame(PATH, 3, "f", in_project=True),)
    failure = Failure("t", "AttributeError", "'NoneType' object has no attribute 'size'",
                      frame_here)
    site = _site(code, 3, (failure,))
    found = list(template("none_check")(site))
    assert _fixed(site, found[0]) == "    return x is not None and x.size > 1"
    assert found[0].tier == OPERATOR


def test_lower_bound_only_for_index_checks() -> None:
    code = "def at(xs, i):\n    if i < len(xs):\n        return xs[i]\n"
    assert _lines(template("lower_bound"), code, 2) == ["    if 0 <= i < len(xs):"]
    code = "def f(a, b):\n    if a < b:\n        return a\n"
    assert _lines(template("lower_bound"), code, 2) == []


def test_swap_operands_of_non_commutative_operations() -> None:
    assert _lines(template("swap_operands"), "def f(a, b, c):\n    return (a - b) / c\n", 2) \
        == ["    return c / (a - b)", "    return (b - a) / c"]
    assert _lines(template("swap_operands"), "def f(a, b):\n    return a in b\n", 2) == [
        "    return b in a"]
    assert _lines(template("swap_operands"), "def f(a, b):\n    return a + b * 2\n", 2) == []


def test_swap_adjacent_arguments_of_long_calls() -> None:
    code = "def box(x, y, w, h):\n    return Rect(x, y, h, w)\n"
    lines = _lines(template("swap_adjacent_arguments"), code, 2)
    assert lines == ["    return Rect(y, x, h, w)", "    return Rect(x, h, y, w)",
                     "    return Rect(x, y, w, h)"]
    code = "def f(a, b):\n    return g(width=b, height=a)\n"
    assert _lines(template("swap_adjacent_arguments"), code, 2) == [
        "    return g(width=a, height=b)"]
    assert _lines(template("swap_adjacent_arguments"), "def f(a, b):\n    return g(a, b)\n",
                  2) == []


def test_identity_and_bitwise_operators() -> None:
    site = _site("def f(a, b):\n    return a is b or a != 1\n", 2)
    found = list(template("identity_or_bitwise")(site))
    assert [(_fixed(site, m), m.tier) for m in found] == [
        ("    return a == b or a != 1", OPERATOR)]  # no `a is not 1`
    site = _site("def f(a, b):\n    return a == b\n", 2)
    assert [m.tier for m in template("identity_or_bitwise")(site)] == [OTHER]
    assert _lines(template("identity_or_bitwise"), "def f(a):\n    a |= 4 << 1\n", 2) == [
        "    a &= 4 << 1", "    a ^= 4 << 1", "    a |= 4 >> 1"]
    assert _lines(template("identity_or_bitwise"), "def f(a):\n    return a + 1\n", 2) == []


#: The wrong-name, condition and operand templates (each offers 8 edits at most).
NAMES_AND_CONDITIONS = [template(name) for name in (
    "self_or_local", "replace_variable", "replace_attribute", "replace_callee", "none_check",
    "add_clause", "drop_clause", "lower_bound", "swap_operands", "swap_adjacent_arguments",
    "identity_or_bitwise")]


def test_every_template_respects_the_cap() -> None:
    args = ", ".join(f"a{i}" for i in range(20))
    code = f"def f({args}):\n    return g({args}) - a1 and a2 and a3 and a4 and a5 " \
        "and a6 and a7 and a8 and a9 and a10\n"
    site = _site(code, 2)
    for each in NAMES_AND_CONDITIONS:
        assert len(list(each(site))) <= each.cap == 8
    assert len(list(template("swap_adjacent_arguments").apply(site))) > 8


def _first_lines(tmp_path: Path, code: str, line: int, count: int) -> list[str]:
    text = textwrap.dedent(code)
    (tmp_path / "pkg").mkdir()
    (tmp_path / PATH).write_text(text, encoding="utf-8")
    task = RepairTask(root=tmp_path, failures=(), suspects=(Suspect(PATH, line, 0.9, "sbfl", "r"),),
                      context=Context(snippets=(), tokens=0, budget=0))
    proposer = TemplateProposer(templates=NAMES_AND_CONDITIONS)
    return [c.edits[0].replace for c in proposer.propose(task, count)]


def test_proposer_ranks_the_attribute_fix_near_the_top(tmp_path: Path) -> None:
    code = """\
        class Calendar:
            def __init__(self, weekend):
                self.weekend = frozenset(weekend)
                self.days = tuple(d for d in range(7) if d not in weekend)
        """
    assert any("if d not in self.weekend)" in r for r in _first_lines(tmp_path, code, 4, 5))


def test_proposer_ranks_the_missing_clause_near_the_top(tmp_path: Path) -> None:
    code = """\
        class Booking:
            def overlaps(self, other):
                return self.room == other.room and self.start < other.end
        """
    fix = "and self.start < other.end and other.start < self.end"
    assert any(fix in r for r in _first_lines(tmp_path, code, 3, 8))
