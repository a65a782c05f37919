from __future__ import annotations

import ast
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import write_files
from homeostasis.core.records import Failure, Frame, Suspect
from homeostasis.tools.diagnose.callgraph import called_suspects
from homeostasis.tools.diagnose.frames import suspects_from_failures
from homeostasis.tools.diagnose.sbfl import (
    PLUGIN_ARGS,
    PLUGIN_MODULE,
    combine,
    ochiai,
    plugin_source,
    read_spectrum,
    spectrum_env,
)
from homeostasis.tools.diagnose.syntax_errors import syntax_suspects
from homeostasis.tools.observe.junit import parse_junit

DATA = Path(__file__).parent / "data" / "junit"


def _frame(path: str, line: int, in_project: bool = True, is_test: bool = False) -> Frame:
    return Frame(path, line, "f", in_project, is_test)


# ── traceback suspects ───────────────────────────────────────────────────────────────────────


def test_traceback_suspects_decay_outward_and_skip_tests_and_libraries() -> None:
    failure = Failure(
        "tests/test_x.py::test_y", "ValueError", "bad",
        frames=(_frame("tests/test_x.py", 3, is_test=True), _frame("app/a.py", 10),
                _frame("app/b.py", 20), _frame("/usr/lib/python3.11/json/decoder.py", 5, False)),
    )
    suspects = suspects_from_failures([failure])
    assert [(s.path, s.line, s.score) for s in suspects] == [("app/b.py", 20, 1.0),
                                                             ("app/a.py", 10, 0.9)]
    assert all(s.source == "traceback" for s in suspects)
    # the innermost frame is in a library, so no project line "raised" the exception
    assert suspects[0].reason == "on the call path of tests/test_x.py::test_y (ValueError)"


def test_traceback_suspects_merge_failures_at_one_line() -> None:
    _, failures = parse_junit((DATA / "mixed.xml").read_text(), Path("/srv/proj"))
    suspects = suspects_from_failures(failures)
    by_place = {(s.path, s.line): s for s in suspects}
    assert [s.score for s in suspects] == sorted((s.score for s in suspects), reverse=True)
    top = by_place[("pkg/calc.py", 9)]
    assert (top.score, top.function) == (1.0, "helper")
    assert top.reason == (
        "raised here in tests/test_a.py::test_deep (ZeroDivisionError); "
        "raised here in tests/test_a.py::test_param[2-0] (ZeroDivisionError)"
    )
    # one step out from ZeroDivisionError (0.9) but innermost for the json failure (1.0)
    assert by_place[("pkg/calc.py", 13)].score == 1.0
    assert by_place[("pkg/calc.py", 5)].score == 0.9
    assert by_place[("pkg/broken.py", 1)].reason == (
        "raised here in tests/test_syntax.py (SyntaxError)")
    assert not any(s.path.startswith("tests/") for s in suspects)


def test_traceback_suspects_floor_and_reason_cap() -> None:
    deep = tuple(_frame("app/m.py", n) for n in range(1, 16))
    failures = [Failure(f"t.py::test_{i}", "E", "", frames=deep) for i in range(5)]
    suspects = suspects_from_failures(failures)
    assert len(suspects) == 15
    assert min(s.score for s in suspects) == 0.1
    assert suspects[0].reason.endswith("; and 2 more")


# ── SBFL ─────────────────────────────────────────────────────────────────────────────────────


def test_ochiai_scores_and_reasons() -> None:
    spectrum = {
        ("app/m.py", 1): {"f1", "f2", "p1", "p2"},
        ("app/m.py", 2): {"f1", "f2"},
        ("app/m.py", 3): {"f1", "p1"},
        ("app/m.py", 4): {"p1", "p2"},
    }
    ranked = ochiai(spectrum, failing={"f1", "f2"}, passing={"p1", "p2", "p3"})
    assert [(s.path, s.line) for s in ranked] == [("app/m.py", 2), ("app/m.py", 1),
                                                  ("app/m.py", 3)]
    assert ranked[0].score == 1.0
    assert ranked[1].score == pytest.approx(2 / math.sqrt(2 * 4), abs=1e-4)
    assert ranked[2].reason == "covered by 1/2 failing and 1/3 passing tests (Ochiai 0.50)"
    assert all(s.source == "sbfl" for s in ranked)
    assert ochiai(spectrum, failing=set(), passing={"p1"}) == []


def test_combine_keeps_traceback_first_without_duplicates() -> None:
    tb = [Suspect("a.py", 1, 1.0, "traceback", "r")]
    sb = [Suspect("a.py", 1, 0.9, "sbfl", "s"), Suspect("b.py", 2, 0.8, "sbfl", "s"),
          Suspect("c.py", 3, 0.7, "sbfl", "s")]
    assert [(s.path, s.source) for s in combine(tb, sb)] == [
        ("a.py", "traceback"), ("b.py", "sbfl"), ("c.py", "sbfl")]
    assert len(combine(tb, sb, limit=2)) == 2


def test_plugin_is_standalone() -> None:
    tree = ast.parse(plugin_source())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert "homeostasis" not in imported
    assert imported <= set(sys.stdlib_module_names) | {"pytest"}  # nothing to install


@pytest.mark.slow
def test_sbfl_ranks_the_buggy_line_first_in_a_real_run(tmp_path: Path) -> None:
    project = tmp_path / "proj"
    write_files(project, {
        "pytest.ini": "[pytest]\n",
        "shop/__init__.py": "",
        "shop/price.py": """\
            def total(items, discount):
                subtotal = sum(items)
                if discount > 50:
                    return subtotal * (100 + discount) / 100
                if discount:
                    return subtotal * (100 - discount) / 100
                return subtotal
            """,
        "tests/test_price.py": """\
            import pytest
            from shop.price import total

            def test_plain():
                assert total([1, 2], 0) == 3

            def test_small_discount():
                assert total([100], 10) == 90

            @pytest.mark.parametrize("d", [60, 80])
            def test_big_discount(d):
                assert total([100], d) == 100 - d
            """,
    }, dedent=True)
    plugin_dir = tmp_path / "plugin"
    plugin_dir.mkdir()
    (plugin_dir / f"{PLUGIN_MODULE}.py").write_text(plugin_source(), encoding="utf-8")
    out = tmp_path / "spectrum.json"
    report = tmp_path / "report.xml"
    env = {**os.environ, **spectrum_env(out, project, plugin_dir)}
    subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--tb=native",
         "-o", "junit_family=xunit1", f"--junitxml={report}", "--continue-on-collection-errors",
         "-q", *PLUGIN_ARGS], cwd=project, env=env, capture_output=True, timeout=60, check=False,
    )
    results, _ = parse_junit(report.read_text(), project)
    failing = {r.test_id for r in results if r.outcome == "failed"}
    passing = {r.test_id for r in results if r.outcome == "passed"}
    assert failing == {"tests/test_price.py::test_big_discount[60]",
                       "tests/test_price.py::test_big_discount[80]"}

    spectrum = read_spectrum(out.read_bytes(), project)
    assert {path for path, _ in spectrum} == {"shop/price.py"}  # test files are left out
    assert spectrum[("shop/price.py", 2)] == failing | passing
    ranked = ochiai(spectrum, failing, passing)
    assert (ranked[0].path, ranked[0].line, ranked[0].score) == ("shop/price.py", 4, 1.0)
    assert ranked[0].reason == "covered by 2/2 failing and 0/2 passing tests (Ochiai 1.00)"
    assert ("shop/price.py", 6) not in {(s.path, s.line) for s in ranked}


# ── static call graph (when there is no spectrum) ─────────────────────────────────────────────

SHOP = {
    "shop/__init__.py": "",
    "shop/cart.py": """\
        from shop.prices import price_of


        class Cart:
            def __init__(self, items):
                self.items = list(items)

            def total(self):
                return sum(price_of(i) for i in self.items)

            def count(self):
                return len(self.items)
        """,
    "shop/prices.py": """\
        PRICES = {"apple": 3, "pear": 5}


        def price_of(item):
            \"\"\"The price of one item.\"\"\"
            return lookup(item) + 1


        def lookup(item):
            return PRICES[item]


        def unused():
            return 0
        """,
    "tests/conftest.py": """\
        import pytest
        from shop.cart import Cart


        @pytest.fixture
        def cart():
            return Cart(["apple", "pear"])
        """,
    "tests/test_cart.py": """\
        from shop.prices import price_of


        def test_total(cart):
            assert cart.total() == 8


        def test_count(cart):
            assert cart.count() == 2


        class TestPrices:
            def test_apple(self):
                assert self.costs("apple", 3)

            def costs(self, item, expected):
                return check(item, expected)


        def check(item, expected):
            return price_of(item) == expected
        """,
}


def test_called_suspects_rank_what_the_failing_tests_call(tmp_path: Path) -> None:
    write_files(tmp_path, SHOP, dedent=True)
    failing = ["tests/test_cart.py::test_total", "tests/test_cart.py::TestPrices::test_apple"]
    suspects = called_suspects(tmp_path, failing, ["tests/test_cart.py::test_count"])
    assert [(s.path, s.line, s.function, s.score) for s in suspects] == [
        # both failing tests, no passing one: through test_apple's helpers, and Cart.total
        ("shop/prices.py", 6, "price_of", 1.0),       # the docstring is not a suspect
        ("shop/prices.py", 10, "lookup", 0.9),        # one call further away
        ("shop/cart.py", 9, "Cart.total", 0.7071),    # test_total only
        ("shop/cart.py", 6, "Cart.__init__", 0.5),    # test_total's fixture; test_count's too
    ]
    assert all(s.source == "callgraph" for s in suspects)
    assert suspects[0].reason == (
        "called by failing test tests/test_cart.py::TestPrices::test_apple and 1 more, and by "
        "0/1 passing tests (static call graph, score 1.00)")
    assert "(2 calls away)" in suspects[1].reason
    assert called_suspects(tmp_path, ["tests/test_cart.py::test_gone", "make test"], []) == []


# ── syntax ───────────────────────────────────────────────────────────────────────────────────


def test_syntax_suspects(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "good.py": "import re\nPATTERN = '\\d+'\n",  # invalid escape: a warning, not an error
        "pkg/bad.py": "x = 1\n\ndef f(:\n    pass\n",
        "pkg/indent.py": "def f():\nreturn 1\n",
        ".venv/lib/ignored.py": "def (:\n",
    }, dedent=True)
    (tmp_path / "latin.py").write_bytes(b"x = '\xff'\n")  # not UTF-8 and no coding cookie
    suspects = syntax_suspects(tmp_path)
    assert [(s.path, s.line, s.reason) for s in suspects] == [
        ("pkg/bad.py", 3, "SyntaxError: invalid syntax"),
        ("pkg/indent.py", 2, "IndentationError: expected an indented block after function "
                             "definition on line 1"),
    ]
    assert all(s.score == 1.0 and s.source == "syntax" for s in suspects)
    assert [s.path for s in syntax_suspects(tmp_path, ["good.py", "pkg/indent.py", "gone.py"])] \
        == ["pkg/indent.py"]
