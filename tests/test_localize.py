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
from homeostasis.tools.diagnose.frames import suspects_from_failures
from homeostasis.tools.diagnose.sbfl import (
    PLUGIN_MODULE,
    combine,
    coverage_env,
    coverage_spectrum,
    ochiai,
    plugin_source,
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
    assert imported <= set(sys.stdlib_module_names) | {"pytest", "coverage"}


def test_coverage_env_names_only_the_sandbox_side_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", "/opt/host-lib")  # the host's own: not for the sandbox
    env = coverage_env(tmp_path / "cov", tmp_path, tmp_path / "plug")
    assert env["PYTHONPATH"] == str(tmp_path / "plug")
    assert env["PYTEST_PLUGINS"] == PLUGIN_MODULE
    assert env["HOMEOSTASIS_COV_DATA"] == str(tmp_path / "cov")
    assert coverage_spectrum(tmp_path / "missing", tmp_path) == {}


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
    data_file = tmp_path / "cov.data"
    report = tmp_path / "report.xml"
    env = {**os.environ, **coverage_env(data_file, project, plugin_dir)}
    subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--tb=native",
         "-o", "junit_family=xunit1", f"--junitxml={report}", "--continue-on-collection-errors",
         "-q"], cwd=project, env=env, capture_output=True, timeout=60, check=False,
    )
    results, _ = parse_junit(report.read_text(), project)
    failing = {r.test_id for r in results if r.outcome == "failed"}
    passing = {r.test_id for r in results if r.outcome == "passed"}
    assert failing == {"tests/test_price.py::test_big_discount[60]",
                       "tests/test_price.py::test_big_discount[80]"}

    spectrum = coverage_spectrum(data_file, project)
    assert {path for path, _ in spectrum} == {"shop/price.py"}  # test files are left out
    assert spectrum[("shop/price.py", 2)] == failing | passing
    ranked = ochiai(spectrum, failing, passing)
    assert (ranked[0].path, ranked[0].line, ranked[0].score) == ("shop/price.py", 4, 1.0)
    assert ranked[0].reason == "covered by 2/2 failing and 0/2 passing tests (Ochiai 1.00)"
    assert ("shop/price.py", 6) not in {(s.path, s.line) for s in ranked}


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
