"""The missing-condition templates: a membership check on a collection the function fills, a
yes/no attribute the module declares, a clause narrowing a check that is too wide, and a
``raise`` a test expected; each put in as a guard, a wrapper or a clause, and one repaired end
to end."""

from __future__ import annotations

import ast
import io
import textwrap
from pathlib import Path

import pytest
from helpers import write_project
from homeostasis.core.config import Settings
from homeostasis.core.records import Failure, Suspect
from homeostasis.loop import Decision, heal
from homeostasis.propose.templates.engine import TemplateProposer
from homeostasis.propose.templates.mutations import Source
from homeostasis.propose.templates.registry import template
from homeostasis.propose.templates.site import Site
from homeostasis.ui import Console

PATH = "pkg/mod.py"


def _programs(name: str, code: str, line: int, failures: tuple[Failure, ...] = ()) -> list[str]:
    """Every program template ``name`` makes of ``code`` with the suspect on ``line``."""
    text = textwrap.dedent(code)
    site = Site(PATH, Source(text), ast.parse(text), Suspect(PATH, line, 0.9, "sbfl", "r"),
                failures)
    out = []
    for m in template(name).every(site):
        new = text[: m.start] + m.replacement + text[m.end :]
        ast.parse(new)
        out.append(new)
    return out


TRAVERSAL = """\
    def reachable(graph, start):
        seen = set()
        order = []
        todo = [start]
        while todo:
            node = todo.pop()
            seen.add(node)
            order.append(node)
            todo.extend(graph[node])
        return order
    """


def test_a_value_is_skipped_first_when_in_the_collection_the_function_fills_with_it() -> None:
    programs = _programs("skip_guard", TRAVERSAL, 7)
    assert "        node = todo.pop()\n        if node in seen:\n            continue\n" in (
        programs[0])
    assert "        if node in seen:\n            return None\n" in programs[1]
    negated = [p for p in programs if "if node not in seen:\n            continue" in p]
    assert negated and programs.index(negated[0]) > programs.index(programs[1])


def test_a_value_not_used_by_the_statement_is_not_checked() -> None:
    assert all("start in" not in p for p in _programs("skip_guard", TRAVERSAL, 7))


SHOP = """\
    from dataclasses import dataclass

    @dataclass
    class Product:
        name: str
        price: int
        listed: bool = True

    def value(products):
        total = 0
        for product in products:
            total += product.price
        return total
    """


def test_a_statement_runs_only_when_a_declared_flag_of_its_object_holds() -> None:
    programs = _programs("only_when", SHOP, 12)
    assert programs[0].endswith(
        "    for product in products:\n        if product.listed:\n"
        "            total += product.price\n    return total\n")
    assert "        if not product.listed:\n            total += product.price\n" in programs[1]


def test_no_flag_without_a_yes_no_attribute_in_the_module() -> None:
    plain = SHOP.replace("        listed: bool = True\n", "")
    assert _programs("only_when", plain, 11) == []


STORE = """\
    class Store:
        def __init__(self, capacity):
            self.capacity = capacity
            self.entries = {}

        def put(self, key, value):
            if len(self.entries) >= self.capacity:
                del self.entries[next(iter(self.entries))]
            self.entries[key] = value
    """


def test_a_too_wide_check_is_narrowed_by_a_parameter_the_function_stores_by() -> None:
    programs = _programs("narrow_condition", STORE, 7)
    assert ("        if len(self.entries) >= self.capacity and key not in self.entries:\n"
            in programs[0])
    assert _programs("narrow_condition", STORE, 8) == []  # not a condition


SCHEDULE = """\
    class Clash(Exception):
        pass

    def build(slots):
        taken = {}
        for hour, name in slots:
            taken[hour] = name
        return taken
    """


def _did_not_raise(message: str) -> Failure:
    return Failure("tests/test_s.py::test_clash", "Failed", message)


@pytest.mark.parametrize("message", ["DID NOT RAISE Clash",
                                     "DID NOT RAISE <class 'pkg.mod.Clash'>"])
def test_a_raise_a_test_expected_is_put_before_the_statement(message: str) -> None:
    programs = _programs("missing_raise", SCHEDULE, 7, (_did_not_raise(message),))
    assert ('        if hour in taken:\n            raise Clash("hour in taken")\n'
            '        taken[hour] = name\n') in programs[0]


def test_no_raise_when_no_test_expected_one() -> None:
    assert _programs("missing_raise", SCHEDULE, 7) == []
    other = Failure("tests/test_s.py::test_x", "AssertionError", "assert 1 == 2")
    assert _programs("missing_raise", SCHEDULE, 7, (other,)) == []


STORE_TESTS = """\
    from store import Store

    def test_evicts_the_oldest():
        s = Store(2)
        s.put("a", 1)
        s.put("b", 2)
        s.put("c", 3)
        assert list(s.entries) == ["b", "c"]

    def test_an_update_evicts_nothing():
        s = Store(2)
        s.put("a", 1)
        s.put("b", 2)
        s.put("b", 5)
        assert s.entries == {"a": 1, "b": 5}
    """


@pytest.mark.e2e
def test_an_update_that_evicts_is_repaired_end_to_end(tmp_path: Path) -> None:
    """Storing an existing key evicts another: the eviction's check lacks ``key not in``."""
    project = write_project(tmp_path / "p", {"store.py": textwrap.dedent(STORE),
                                             "tests/test_store.py":
                                             textwrap.dedent(STORE_TESTS)})
    result = heal(project, Settings(jobs=2, timeout=60, enough=1),
                  Console(out=io.StringIO()), Decision("apply"), TemplateProposer())
    assert result.outcome.status == "applied", result.outcome
    fixed = (project / "store.py").read_text(encoding="utf-8")
    namespace: dict[str, object] = {}
    exec(fixed, namespace)  # the fix, applied
    store = namespace["Store"](1)  # type: ignore[operator]
    store.put("x", 1)
    store.put("x", 2)
    store.put("y", 3)
    assert store.entries == {"y": 3}
