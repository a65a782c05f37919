"""A baseline that failed for a reason outside the project's code stops the run in one line;
one that failed in the project's code goes on to be repaired."""

from __future__ import annotations

import pytest
from homeostasis.core.errors import EnvironmentProblem
from homeostasis.core.records import Failure, TestResult, TestRun
from homeostasis.tools.observe.environment_problems import check_environment
from homeostasis.tools.observe.runner import TestCommand

COMMAND = TestCommand.parse(None, "/p/.venv/bin/python")
FILES = ("shop/__init__.py", "shop/cart.py", "tests/test_cart.py", "conftest.py")
USAGE = ("ERROR: usage: __main__.py [options] [file_or_dir] [file_or_dir] [...]\n"
         "__main__.py: error: unrecognized arguments: -n\n"
         "  inifile: /w/pytest.ini\n  rootdir: /w\n")


def _failed(exc_type: str, message: str, collection_error: bool = False) -> TestRun:
    test_id = "tests/test_cart.py" if collection_error else "tests/test_cart.py::test_total"
    return TestRun("ok", (TestResult(test_id, "failed"),),
                   (Failure(test_id, exc_type, message, collection_error=collection_error),),
                   returncode=1)


def test_a_module_the_project_does_not_have_stops_the_run_naming_it() -> None:
    run = _failed("ModuleNotFoundError", "No module named 'requests'", collection_error=True)
    with pytest.raises(EnvironmentProblem) as raised:
        check_environment(run, COMMAND, FILES)
    assert "'requests'" in raised.value.message
    assert "/p/.venv/bin/python" in raised.value.message
    assert raised.value.exit_code == 3


def test_a_missing_submodule_of_the_project_is_a_bug_to_repair() -> None:
    run = _failed("ModuleNotFoundError", "No module named 'shop.carts'")
    check_environment(run, COMMAND, FILES)  # a typo in the project's own import: no stop


def test_an_interpreter_without_pytest_is_said_with_how_to_install_it() -> None:
    output = "/p/.venv/bin/python: No module named pytest\n"
    run = TestRun("error", returncode=1, output=output, detail="the test command failed")
    check_environment(run, COMMAND, FILES)  # not the ModuleNotFoundError form: no guess
    run = TestRun("error", returncode=1, output="ModuleNotFoundError: No module named 'pytest'")
    with pytest.raises(EnvironmentProblem, match="has no pytest") as raised:
        check_environment(run, COMMAND, FILES)
    assert "-m pip install pytest" in raised.value.hint


def test_an_option_pytest_does_not_know_is_shown_in_pytests_own_words() -> None:
    run = TestRun("error", returncode=4, output=USAGE, detail="exit 4: rootdir: /w")
    with pytest.raises(EnvironmentProblem, match="unrecognized arguments: -n"):
        check_environment(run, COMMAND, FILES)


def test_a_conftest_that_imports_a_missing_plugin_names_the_module() -> None:
    output = ("ImportError while loading conftest '/w/conftest.py'.\n"
              "conftest.py:1: in <module>\n    import hypothesis\n"
              "E   ModuleNotFoundError: No module named 'hypothesis'\n")
    run = TestRun("error", returncode=4, output=output)
    with pytest.raises(EnvironmentProblem, match="'hypothesis'"):
        check_environment(run, COMMAND, FILES)


def test_ordinary_failures_and_other_commands_go_on() -> None:
    check_environment(_failed("AssertionError", "assert 3 == 4"), COMMAND, FILES)
    plain = TestCommand.parse("make check", "/p/.venv/bin/python")
    check_environment(TestRun("error", returncode=4, output=USAGE), plain, FILES)
