"""run_tests on tiny real projects, with real pytest in a local sandbox workspace."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers import write_files
from homeostasis.tools.observe import runner
from homeostasis.tools.observe.runner import hanging_test, run_tests
from homeostasis.tools.sandbox.local.sandbox import LocalSandbox
from homeostasis.tools.sandbox.local.workspaces import LocalWorkspace
from homeostasis.tools.sandbox.snapshot import Snapshot

Command = runner.TestCommand  # not named Test* here, so pytest does not try to collect it

OPS = """\
def add(a, b):
    return a - b


def mul(a, b):
    return a * b
"""

TESTS = """\
from calc.ops import add, mul


def test_add():
    assert add(2, 3) == 5


def test_mul():
    assert mul(2, 3) == 6


def test_add_zero():
    assert add(0, 0) == 0


def test_add_negative():
    assert add(-1, -1) == -2
"""


@contextmanager
def _workspace(
    sandbox: LocalSandbox, tmp_path: Path, files: dict[str, str]
) -> Iterator[LocalWorkspace]:
    """A workspace of ``sandbox`` holding a project of ``files``."""
    snap = Snapshot.take(write_files(tmp_path / "src", files), tmp_path / "snap")
    with sandbox.workspace(snap) as ws:
        yield ws


@pytest.fixture
def calc(sandbox: LocalSandbox, tmp_path: Path) -> Iterator[LocalWorkspace]:
    with _workspace(sandbox, tmp_path, {
        "calc/__init__.py": "", "calc/ops.py": OPS, "tests/test_ops.py": TESTS,
    }) as ws:
        yield ws


PYTEST = Command.parse(None)


def test_parse_defaults_to_this_interpreters_pytest() -> None:
    assert PYTEST.argv == (sys.executable, "-m", "pytest")
    assert PYTEST.is_pytest
    assert Command.parse("pytest -q tests").is_pytest
    assert Command.parse(".venv/bin/py.test").is_pytest
    assert not Command.parse("python check.py").is_pytest
    assert Command.parse("python 'my check.py' -x").argv == (sys.executable, "my check.py", "-x")


def test_a_bare_python_in_the_command_is_the_projects_interpreter_wherever_it_stands() -> None:
    venv = "/p/.venv/bin/python"
    assert Command.parse(None, venv).argv == (venv, "-m", "pytest")
    assert Command.parse("python3 -m pytest -x", venv).argv == (venv, "-m", "pytest", "-x")
    assert Command.parse("/usr/bin/python -m pytest", venv).argv[0] == "/usr/bin/python"
    assert Command.parse("tox -e py", venv).argv == ("tox", "-e", "py")
    assert Command.parse("python -m pytest -x", venv).display() == "python -m pytest -x"


def test_source_folders_go_first_on_the_import_path_of_a_run(tmp_path: Path) -> None:
    command = Command.parse(None, "/p/.venv/bin/python", ("src", "lib"))
    env = command.env(tmp_path, {"PYTHONPATH": "/plugins", "X": "1"})
    assert env == {"X": "1", "PYTHONPATH": f"{tmp_path / 'src'}:{tmp_path / 'lib'}:/plugins"}
    assert Command.parse(None).env(tmp_path) is None
    with pytest.raises(ValueError):
        Command.parse("   ")


@pytest.mark.slow
def test_failing_and_passing_ids(calc: LocalWorkspace) -> None:
    run = run_tests(calc, PYTEST, timeout=60)
    assert run.status == "ok", run.detail + run.output
    assert run.returncode == 1
    assert set(run.failing_ids) == {"tests/test_ops.py::test_add",
                                    "tests/test_ops.py::test_add_negative"}
    assert set(run.passing_ids) == {"tests/test_ops.py::test_mul",
                                    "tests/test_ops.py::test_add_zero"}
    assert run.collected == 4
    failure = next(f for f in run.failures if f.test_id == "tests/test_ops.py::test_add")
    assert failure.exc_type == "AssertionError"
    paths = [f.path for f in failure.project_frames]
    assert "tests/test_ops.py" in paths
    # No junit file is left in the project copy.
    assert not list(calc.root.rglob("*.xml"))


@pytest.mark.slow
def test_stop_first_stops_at_the_first_failure(calc: LocalWorkspace) -> None:
    run = run_tests(calc, PYTEST, timeout=60, stop_first=True)
    assert run.status == "ok"
    assert run.failing_ids == ("tests/test_ops.py::test_add",)
    assert "tests/test_ops.py::test_add_negative" not in {r.test_id for r in run.results}


@pytest.mark.slow
def test_ids_select_the_tests_run(calc: LocalWorkspace) -> None:
    ids = ("tests/test_ops.py::test_mul", "tests/test_ops.py::test_add_negative")
    run = run_tests(calc, PYTEST, timeout=60, ids=ids)
    assert run.status == "ok"
    assert {r.test_id for r in run.results} == set(ids)
    assert run.failing_ids == ("tests/test_ops.py::test_add_negative",)
    assert run.passing_ids == ("tests/test_ops.py::test_mul",)


@pytest.mark.slow
def test_all_passing_has_returncode_zero(sandbox: LocalSandbox, tmp_path: Path) -> None:
    with _workspace(sandbox, tmp_path, {
        "calc/__init__.py": "", "calc/ops.py": OPS.replace("a - b", "a + b"),
        "tests/test_ops.py": TESTS,
    }) as ws:
        run = run_tests(ws, PYTEST, timeout=60)
        assert run.status == "ok"
        assert run.returncode == 0
        assert run.failing_ids == ()
        assert len(run.passing_ids) == 4


HANGING = """\
import time


def test_quick():
    assert True


def test_hangs():
    time.sleep(60)


def test_never_reached():
    assert True
"""


@pytest.mark.slow
def test_a_hanging_test_times_out_and_is_named(sandbox: LocalSandbox, tmp_path: Path) -> None:
    with _workspace(sandbox, tmp_path, {"tests/test_slow.py": HANGING}) as ws:
        run = run_tests(ws, PYTEST, timeout=3)
        assert run.status == "timeout"
        assert "did not finish within 3s" in run.detail
        assert "tests/test_slow.py::test_hangs" in run.detail
        assert run.results == ()


CHECK = """\
def parse(text):
    return int(text)


def main():
    parse("x")


main()
"""


def test_a_non_pytest_command_is_one_pseudo_test(sandbox: LocalSandbox, tmp_path: Path) -> None:
    command = Command((sys.executable, "check.py"))
    assert not command.is_pytest
    with _workspace(sandbox, tmp_path, {"check.py": CHECK}) as ws:
        run = run_tests(ws, command, timeout=30)
    assert run.status == "ok"
    assert run.returncode == 1
    assert len(run.results) == 1
    assert run.failing_ids == (command.display(),)
    (failure,) = run.failures
    assert failure.test_id == command.display()
    assert failure.exc_type == "ValueError"
    assert "invalid literal for int()" in failure.message
    frames = [(f.path, f.line, f.function) for f in failure.project_frames]
    assert frames == [("check.py", 9, "<module>"), ("check.py", 6, "main"),
                      ("check.py", 2, "parse")]


def test_a_passing_non_pytest_command(sandbox: LocalSandbox, tmp_path: Path) -> None:
    command = Command((sys.executable, "check.py"))
    with _workspace(sandbox, tmp_path, {"check.py": "print('fine')\n"}) as ws:
        run = run_tests(ws, command, timeout=30)
    assert run.status == "ok"
    assert run.passing_ids == (command.display(),)
    assert run.failures == ()


def test_a_missing_command_is_not_found(calc: LocalWorkspace) -> None:
    for command in (Command(("no-such-pytest-homeostasis",)),
                    Command(("/nonexistent/bin/pytest", "-q"))):
        run = run_tests(calc, command, timeout=10)
        assert run.status == "not_found"
        assert command.argv[0] in run.detail


@pytest.mark.slow
def test_a_pytest_that_cannot_start_is_an_error(calc: LocalWorkspace) -> None:
    command = Command((sys.executable, "-m", "pytest", "--no-such-option-xyz"))
    run = run_tests(calc, command, timeout=30)
    assert run.status == "error"
    assert run.returncode == 4
    assert "failed to run (exit 4)" in run.detail


VERBOSE_HUNG = """\
============================= test session starts ==============================
platform linux -- Python 3.12.1, pytest-8.3.2, pluggy-1.5.0 -- /usr/bin/python
cachedir: .pytest_cache
rootdir: /tmp/proj
collecting ... collected 3 items

tests/test_slow.py::test_quick PASSED
tests/test_slow.py::TestSlow::test_hangs[case-1] """

VERBOSE_DONE = """\
tests/test_slow.py::test_quick PASSED
tests/test_slow.py::test_other FAILED
tests/test_slow.py::test_x XFAIL
"""


def test_hanging_test_reads_pytest_verbose_output() -> None:
    assert hanging_test(VERBOSE_HUNG) == "tests/test_slow.py::TestSlow::test_hangs[case-1]"
    assert hanging_test(VERBOSE_DONE) is None
    assert hanging_test("") is None
    assert hanging_test("collecting ... \nsome output\n") is None
    # Output printed by the hanging test itself comes after its id.
    assert hanging_test(
        "tests/a.py::test_ok PASSED\ntests/a.py::test_hang waiting for lock\nstill waiting\n"
    ) == "tests/a.py::test_hang"
