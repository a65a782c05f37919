"""``python -m unittest`` commands translated to pytest runs of the same tests, and the forms
left as they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from homeostasis.tools.observe.runner import TestCommand
from homeostasis.tools.observe.unittest_command import through_pytest

PY = "/p/.venv/bin/python"


def _args(command: str, root: Path) -> tuple[str, ...] | None:
    found = through_pytest(TestCommand.parse(command, PY, ("src",)), root)
    if found is not None:
        assert found.python == PY and found.source_dirs == ("src",) and found.is_pytest
    return None if found is None else found.argv[1:]


@pytest.mark.parametrize(("command", "expected"), [
    ("python -m unittest", ("-m", "pytest", ".", "-o", "python_files=test*.py")),
    ("python -m unittest -v", ("-m", "pytest", ".", "-o", "python_files=test*.py")),
    ("python -m unittest discover -s tests -p '*_test.py'",
     ("-m", "pytest", "tests", "-o", "python_files=*_test.py")),
    ("python -m unittest discover tests 'check_*.py'",
     ("-m", "pytest", "tests", "-o", "python_files=check_*.py")),
    ("python -m unittest discover --start-directory lib",
     ("-m", "pytest", "lib", "-o", "python_files=test*.py")),
])
def test_discovery_becomes_pytest_over_the_same_folder_and_pattern(
        tmp_path: Path, command: str, expected: tuple[str, ...]) -> None:
    assert _args(command, tmp_path) == expected


def test_test_modules_by_name_or_path_become_their_files(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_cart.py").write_text("")
    (tmp_path / "checks.py").write_text("")
    assert _args("python -m unittest tests.test_cart checks", tmp_path) == (
        "-m", "pytest", "tests/test_cart.py", "checks.py")
    assert _args("python -m unittest tests/test_cart.py", tmp_path) == (
        "-m", "pytest", "tests/test_cart.py")


@pytest.mark.parametrize("command", [
    "python -m unittest tests.test_cart.TestCart",  # a class: no file of that name
    "python -m unittest discover -k slow",  # unittest's -k is not pytest's
    "python -m unittest discover -s",  # a flag without its value
    "python -m pytest",
    "make test",
])
def test_other_forms_are_left_as_they_are(tmp_path: Path, command: str) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_cart.py").write_text("")
    assert _args(command, tmp_path) is None
