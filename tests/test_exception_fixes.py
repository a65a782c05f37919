"""Exception-keyed fix templates and input guards: each yields the classic repair for the
exception raised at the suspect line, nothing for other exceptions, and a bounded number."""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from homeostasis.core.records import Context, Failure, Frame, Suspect
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates.engine import TemplateProposer
from homeostasis.propose.templates.mutations import BOUNDARY, STRUCTURE, Mutation, Source
from homeostasis.propose.templates.registry import TEMPLATES, template
from homeostasis.propose.templates.site import Site, SiteTemplate

PATH = "pkg/mod.py"


def _failure(line: int, exc: str, message: str, path: str = PATH) -> Failure:
    """A failing test whose innermost project frame is ``path:line``."""
    frames = (Frame("tests/test_mod.py", 5, "test_it", True, True), Frame(path, line, "f", True))
    return Failure("tests/test_mod.py::test_it", exc, message, frames)


def _site(code: str, line: int, *failures: Failure) -> Site:
    text = textwrap.dedent(code)
    suspect = Suspect(PATH, line, 0.9, "sbfl", "r")
    return Site(PATH, Source(text), ast.parse(text), suspect, failures)


def _apply(site: Site, mutation: Mutation) -> str:
    text = site.source.text
    return text[: mutation.start] + mutation.replacement + text[mutation.end :]


def _fixes(template: SiteTemplate, code: str, line: int, exc: str = "",
           message: str = "") -> list[str]:
    """The whole fixed file for every mutation ``template`` makes at ``line``."""
    failures = (_failure(line, exc, message),) if exc else ()
    site = _site(code, line, *failures)
    return [_apply(site, m) for m in template(site)]


def _code(text: str) -> str:
    return textwrap.dedent(text)


SEARCH = """\
    class Index:
        def docs_for(self, term: str) -> set[str]:
            return self._postings[term]
"""
TOTAL = """\
    def total(prices, items):
        t = 0
        for item in items:
            t += prices[item] * 2
        return t
"""


def test_missing_key_reads_with_a_default_fitting_the_return_annotation() -> None:
    fixes = _fixes(template("missing_key"), SEARCH, 3, "KeyError", "'zebra'")
    assert fixes[0] == _code(SEARCH).replace("_postings[term]", "_postings.get(term, set())")
    guard = "        if term not in self._postings:\n            return set()\n"
    assert _code(SEARCH).replace("        return", guard + "        return") in fixes


def test_missing_key_in_a_loop_defaults_to_zero_or_skips() -> None:
    fixes = _fixes(template("missing_key"), TOTAL, 4, "builtins.KeyError", "'x'")
    assert _code(TOTAL).replace("prices[item]", "prices.get(item, 0)") in fixes
    assert _code(TOTAL).replace("prices.get(item)", "") not in fixes  # None * 2 is no fix
    skip = "        if item not in prices:\n            continue\n"
    assert fixes[1] == _code(TOTAL).replace("        t +=", skip + "        t +=")


@pytest.mark.parametrize(("code", "fixed"), [
    ("def drop(d, k):\n    del d[k]\n", "def drop(d, k):\n    d.pop(k, None)\n"),
    ("def drop(s, k):\n    s.remove(k)\n", "def drop(s, k):\n    s.discard(k)\n"),
])
def test_missing_key_on_delete_and_set_remove(code: str, fixed: str) -> None:
    assert _fixes(template("missing_key"), code, 2, "KeyError", "'k'")[0] == fixed


@pytest.mark.parametrize(("exc", "line"), [("IndexError", 3), ("KeyError", 2)])
def test_missing_key_needs_a_key_error_on_this_line(exc: str, line: int) -> None:
    failures = (_failure(line, exc, "'zebra'"),)
    assert list(template("missing_key")(_site(SEARCH, 3, *failures))) == []


def test_index_error_reads_the_last_element_or_guards_the_bounds() -> None:
    assert _fixes(template("index_error"), "def last(xs):\n    return xs[len(xs)]\n", 2,
                  "IndexError", "list index out of range") == ["def last(xs):\n    return xs[-1]\n"]
    code = "def nth(xs, i):\n    return xs[i] + 1\n"
    assert _fixes(template("index_error"), code, 2, "IndexError", "list index out of range") == [
        "def nth(xs, i):\n    if i >= len(xs):\n        return None\n    return xs[i] + 1\n",
        "def nth(xs, i):\n    return (xs[i] if i < len(xs) else 0) + 1\n",
    ]


def test_index_error_guards_the_whole_access_chain_of_a_first_element() -> None:
    code = 'def summary(rows):\n    return {"leader": rows[0].team, "n": 2}\n'
    fixes = _fixes(template("index_error"), code, 2, "IndexError", "list index out of range")
    assert 'return {"leader": (rows[0].team if rows else None), "n": 2}' in fixes[1]
    assert fixes[0].startswith("def summary(rows):\n    if not rows:\n        return None\n")


def test_zero_division_guard_returns_the_optional_default() -> None:
    code = '''\
        def average(xs: list[int]) -> float | None:
            """Mean."""
            return sum(xs) / len(xs)
    '''
    fixes = _fixes(template("zero_division"), code, 3, "ZeroDivisionError", "division by zero")
    guard = "    if not xs:\n        return None\n"
    assert fixes == [
        _code(code).replace("    return sum", guard + "    return sum"),
        _code(code).replace("len(xs)", "len(xs) if xs else 0"),
    ]
    aug = "def rate(a, n):\n    for i in a:\n        i /= n\n"
    fixes = _fixes(template("zero_division"), aug, 3, "ZeroDivisionError", "division by zero")
    assert fixes[:1] == [
        "def rate(a, n):\n    for i in a:\n        if n == 0:\n            continue\n"
        "        i /= n\n"]


NORMALIZE = '''\
    import re

    class MissingPhone(ValueError):
        """No number."""

    def normalize(raw: str | None) -> str | None:
        digits = re.sub(r"\\D", "", raw)
        return digits
'''


def test_none_guard_returns_early_or_raises_the_project_exception() -> None:
    fixes = _fixes(template("none_guard"), NORMALIZE, 7, "TypeError",
                   "expected string or bytes-like object, got 'NoneType'")
    head = "    digits = re.sub"
    assert fixes == [
        _code(NORMALIZE).replace(head, "    if raw is None:\n        return None\n" + head),
        _code(NORMALIZE).replace(
            head, '    if raw is None:\n        raise MissingPhone("raw is missing")\n' + head),
    ]


def test_none_guard_picks_the_object_of_the_missing_attribute_in_a_loop() -> None:
    code = "def sizes(found):\n    for f in found:\n        print(f.size, len(found))\n"
    fixes = _fixes(template("none_guard"), code, 3, "AttributeError",
                   "'NoneType' object has no attribute 'size'")
    assert fixes[0] == ("def sizes(found):\n    for f in found:\n        if f is None:\n"
                        "            continue\n        print(f.size, len(found))\n")
    assert _fixes(template("none_guard"), code, 3, "AttributeError",
                  "'Box' has no attribute 'x'") == []


@pytest.mark.parametrize(("code", "message", "fixed"), [
    ("return 'n=' + n", 'can only concatenate str (not "int") to str', "return 'n=' + str(n)"),
    ("return total + raw", "unsupported operand type(s) for +: 'int' and 'str'",
     "return total + int(raw)"),
    ("return total + raw", "unsupported operand type(s) for +: 'int' and 'str'",
     "return str(total) + raw"),
    ("return age < limit", "'<' not supported between instances of 'str' and 'int'",
     "return int(age) < limit"),
    ("total += raw", "unsupported operand type(s) for +=: 'int' and 'str'",
     "total += int(raw)"),
    ("return ', '.join(xs)", "sequence item 0: expected str instance, int found",
     "return ', '.join(map(str, xs))"),
    ("return ' ' * (xs / 2)", "can't multiply sequence by non-int of type 'float'",
     "return ' ' * (int(xs / 2))"),
])
def test_type_mixing_converts_the_offending_operand(code: str, message: str, fixed: str) -> None:
    head = "def f(total, raw, age, limit, n, xs):\n    "
    fixes = _fixes(template("type_mixing"), head + code + "\n", 2, "TypeError", message)
    assert head + fixed + "\n" in fixes
    before = ast.dump(ast.parse(head + code + "\n"))
    assert [f for f in fixes if ast.dump(ast.parse(f)) == before] == []  # each parses, and differs
    assert _fixes(template("type_mixing"), head + code + "\n", 2, "TypeError", "'NoneType' x") == []


def test_empty_sequence_gets_a_default_fitting_the_function() -> None:
    code = "class S:\n    def best(self) -> int:\n        return max(m.gap for m in self.ms)\n"
    fixes = _fixes(template("empty_sequence"), code, 3, "ValueError",
                   "max() arg is an empty sequence")
    assert [f.splitlines()[2].strip() for f in fixes] == [
        "return max((m.gap for m in self.ms), default=0)",
        "return max((m.gap for m in self.ms), default=None)",
    ]
    assert _fixes(template("empty_sequence"), code, 3, "ValueError", "bad value") == []


ORDER = """\
    from shop.states import InvalidTransition

    def fire(state, event):
        if event not in state:
            raise ValueError(f"cannot {event}")
        return state[event]

    def refund(state):
        raise InvalidTransition(state, "refund")
"""


def test_wrong_raise_uses_the_project_exception_in_scope() -> None:
    fixes = _fixes(template("wrong_raise"), ORDER, 5, "builtins.ValueError", "cannot pay")
    assert fixes == [_code(ORDER).replace("raise ValueError", "raise InvalidTransition")]
    assert _fixes(template("wrong_raise"), ORDER, 5, "KeyError", "'pay'") == []
    expected = Failure("t::x", "Failed", "DID NOT RAISE <class 'shop.errors.Refused'>")
    code = "from shop.errors import Refused, Oops\n" + _code(ORDER)
    site = _site(code, 6, expected)
    assert [m.replacement for m in template("wrong_raise")(site)] == [
        "Refused", "InvalidTransition"]
    assert list(template("wrong_raise")(_site(ORDER, 5))) == []


IMPORT = """\
    def import_rows(lines):
        for line in lines:
            try:
                parse_row(line)
            except (KeyError, TypeError) as exc:
                continue
"""


def test_except_clause_adds_the_class_that_escaped_through_the_try_body() -> None:
    escaped = _failure(4, "ValueError", "invalid literal for int()")
    fixes = [_apply(_site(IMPORT, 5, escaped), m) for m in template("except_clause")(
        _site(IMPORT, 5, escaped))]
    assert fixes[:2] == [
        _code(IMPORT).replace("(KeyError, TypeError)", "(KeyError, TypeError, ValueError)"),
        _code(IMPORT).replace("(KeyError, TypeError)", "ValueError"),
    ]


def test_except_clause_drops_the_class_a_test_expected() -> None:
    expected = Failure("t::x", "Failed", "DID NOT RAISE <class 'TypeError'>")
    found = list(template("except_clause")(_site(IMPORT, 5, expected)))
    tiers = {m.replacement: m.tier for m in found}
    assert tiers == {"TypeError": STRUCTURE, "KeyError": BOUNDARY}


@pytest.mark.parametrize(("code", "exc", "message", "fixed"), [
    ("def area(width, h):\n    return widht * h\n", "NameError",
     "name 'widht' is not defined", "def area(width, h):\n    return width * h\n"),
    ("class B:\n    def a(self):\n        return self.size + self.sise\n", "AttributeError",
     "'B' object has no attribute 'sise'", "class B:\n    def a(self):\n"
     "        return self.size + self.size\n"),
])
def test_name_typo_uses_the_closest_name_in_the_file(
        code: str, exc: str, message: str, fixed: str) -> None:
    assert _fixes(template("name_typo"), code, code.count("\n"), exc, message)[0] == fixed


def test_early_return_goes_after_the_docstring_in_tier_structure_capped() -> None:
    code = 'def f(a, b, c) -> list[int]:\n    """Doc."""\n    return a[b] + c\n'
    site = _site(code, 3)
    found = list(template("early_return")(site))
    assert [m.tier for m in found] == [STRUCTURE, STRUCTURE]
    assert _apply(site, found[0]) == ('def f(a, b, c) -> list[int]:\n    """Doc."""\n'
                                      "    if not a:\n        return []\n    return a[b] + c\n")
    assert list(template("early_return")(_site("def f():\n    return g()\n", 2))) == []


def _many(count: int) -> Iterator[str]:
    yield "def f(d, k):\n    return " + " + ".join(f"d[k{i}]" for i in range(count)) + "\n"


@pytest.mark.parametrize(("exc", "message"), [
    ("KeyError", "'k'"), ("IndexError", "list index out of range"),
    ("ZeroDivisionError", "division by zero"), ("TypeError", "'NoneType' object x"),
])
def test_every_template_is_capped_and_parses(exc: str, message: str) -> None:
    code = next(_many(9)).replace("+", "/", 4)
    site = _site(code, 2, _failure(2, exc, message))
    for each in TEMPLATES:
        found = list(each(site))
        assert len(found) <= each.cap
        for mutation in found:
            ast.parse(_apply(site, mutation))
    assert sum(1 for t in TEMPLATES if t.exceptions for _ in t(site)) > 0


def test_proposer_puts_the_dict_get_fix_among_the_first_candidates(tmp_path: Path) -> None:
    text = _code(SEARCH)
    (tmp_path / "pkg").mkdir()
    (tmp_path / PATH).write_text(text, encoding="utf-8")
    task = RepairTask(tmp_path, (_failure(3, "KeyError", "'zebra'"),),
                      (Suspect(PATH, 3, 0.9, "traceback", "r"),),
                      Context(snippets=(), tokens=0, budget=0))
    exception_driven = [t for t in TEMPLATES if t.exceptions]
    candidates = list(TemplateProposer(templates=exception_driven).propose(task, 5))
    fixed = text.replace("_postings[term]", "_postings.get(term, set())")
    fixing = [c.template for c in candidates
              if text.replace(c.edits[0].search, c.edits[0].replace) == fixed]
    assert fixing == ["dict.get"]
    # The KeyError-keyed fixes (tier BOUNDARY) come before any generic mutation.
    assert [c.template for c in candidates][:3] == ["membership guard", "dict.get",
                                                     "dict.get"]
