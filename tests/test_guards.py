"""Guards: candidates may not edit files outside the project, tests or CI configuration, nor
switch tests off."""

from __future__ import annotations

from pathlib import Path

import pytest
from homeostasis.core.records import Candidate, Edit
from homeostasis.tools.judge.guards import (
    check_guards,
    lowered_collection,
    no_ci_edits,
    no_new_skips,
    no_test_edits,
    outside_project,
)

SOURCE = """\
def add(a, b):
    return a - b
"""
FIXED = """\
def add(a, b):
    return a + b
"""


def _cand(*paths: str) -> Candidate:
    return Candidate("c1", "test", tuple(Edit(p, "x", "y") for p in paths), "a fix")


def _check(old: dict[str, str], new: dict[str, str]) -> str | None:
    return check_guards(_cand(*new), old, new)


def test_clean_source_edit_passes_every_guard() -> None:
    assert _check({"calc/ops.py": SOURCE}, {"calc/ops.py": FIXED}) is None


def test_new_source_file_without_skips_passes() -> None:
    assert _check({}, {"calc/helpers.py": "def helper():\n    return 1\n"}) is None


@pytest.mark.parametrize(
    "path",
    [
        "tests/test_ops.py",
        "test_ops.py",
        "calc/ops_test.py",
        "conftest.py",
        "tests/conftest.py",
        "tests/helpers.py",
        "test/util.py",
        "pkg/testing/fixtures.py",
    ],
)
def test_editing_a_test_file_is_rejected_naming_the_file(path: str) -> None:
    reason = _check({path: SOURCE}, {path: FIXED})
    assert reason is not None
    assert path in reason
    assert "test file" in reason
    assert no_test_edits(_cand(path), {path: SOURCE}, {path: FIXED}) == f"edits test file {path}"


def test_test_edit_reason_names_the_test_file_not_the_source_file() -> None:
    new = {"calc/ops.py": FIXED, "tests/test_ops.py": "assert True\n"}
    reason = _check({"calc/ops.py": SOURCE, "tests/test_ops.py": "assert False\n"}, new)
    assert reason == "edits test file tests/test_ops.py"


@pytest.mark.parametrize(
    "path",
    [".github/workflows/ci.yml", "pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg",
     "noxfile.py"],
)
def test_editing_ci_or_test_configuration_is_rejected(path: str) -> None:
    reason = _check({path: "a = 1\n"}, {path: "a = 2\n"})
    assert reason is not None
    assert path in reason
    assert no_ci_edits(_cand(path), {path: "a"}, {path: "b"}) == (
        f"edits CI/test configuration {path}")


def test_a_source_file_named_like_config_in_a_subfolder_is_not_ci() -> None:
    # Only the top-level pyproject.toml configures the test run.
    assert no_ci_edits(_cand("docs/pyproject_notes.py"), {}, {"docs/pyproject_notes.py": ""}) \
        is None


@pytest.mark.parametrize(
    ("added", "what"),
    [
        ("@pytest.mark.skip(reason='later')\n", "skip/xfail marker"),
        ("@pytest.mark.skipif(True, reason='x')\n", "skip/xfail marker"),
        ("@pytest.mark.xfail\n", "skip/xfail marker"),
        ("pytest.skip('nope')\n", "pytest.skip/xfail/exit"),
        ("pytest.xfail('nope')\n", "pytest.skip/xfail/exit"),
        ("pytest.exit('bye')\n", "pytest.skip/xfail/exit"),
        ("@unittest.skip('x')\n", "unittest skip"),
        ("@unittest.skipIf(True, 'x')\n", "unittest skip"),
        ("self.skipTest('x')\n", "skipTest"),
        ("raise unittest.SkipTest('x')\n", "SkipTest"),
        ("sys.exit(0)\n", "exits the interpreter"),
        ("os._exit(0)\n", "exits the interpreter"),
    ],
)
def test_adding_a_skip_to_source_is_rejected(added: str, what: str) -> None:
    path = "calc/ops.py"
    new = FIXED + added
    reason = _check({path: SOURCE}, {path: new})
    assert reason is not None
    assert what in reason
    assert path in reason


def test_pre_existing_skip_that_stays_is_not_rejected() -> None:
    path = "calc/ops.py"
    old = "import sys\n\n" + SOURCE + "\nif __name__ == '__main__':\n    sys.exit(main())\n"
    new = old.replace("a - b", "a + b")
    assert new != old
    assert _check({path: old}, {path: new}) is None


def test_a_second_copy_of_a_pre_existing_skip_is_rejected() -> None:
    path = "calc/ops.py"
    old = "import sys\nsys.exit(1)\n"
    new = "import sys\nsys.exit(1)\nsys.exit(2)\n"
    reason = no_new_skips(_cand(path), {path: old}, {path: new})
    assert reason == f"exits the interpreter in {path}"


def test_removing_a_skip_is_allowed() -> None:
    path = "calc/ops.py"
    old = "import pytest\npytest.skip('x')\n" + SOURCE
    assert _check({path: old}, {path: FIXED}) is None


def test_skip_in_a_new_file_is_rejected() -> None:
    reason = _check({}, {"calc/new.py": "import sys\nsys.exit(0)\n"})
    assert reason == "exits the interpreter in calc/new.py"


def test_words_that_only_look_like_skips_are_allowed() -> None:
    path = "calc/ops.py"
    new = FIXED + "def skip(x):\n    return x\nmy_sys.exitcode = 0\n"
    assert _check({path: SOURCE}, {path: new}) is None


def test_lowered_collection() -> None:
    assert lowered_collection(10, 9) == "lowers the number of collected tests from 10 to 9"
    assert lowered_collection(10, 0) == "lowers the number of collected tests from 10 to 0"
    assert lowered_collection(10, 10) is None
    assert lowered_collection(10, 12) is None
    assert lowered_collection(10, None) is None


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A project with a symlinked folder and file that lead outside it, and one that stays in."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.py").write_text("X = 1\n")
    root = tmp_path / "project"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "mod.py").write_text("M = 1\n")
    (root / "vendored").symlink_to(outside)
    (root / "leak.py").symlink_to(outside / "x.py")
    (root / "alias").symlink_to(root / "pkg")
    return root


@pytest.mark.parametrize(("path", "why"), [
    ("/etc/passwd", "an absolute path"),
    ("../outside/x.py", "a path with '..'"),
    ("pkg/../../outside/x.py", "a path with '..'"),
    ("pkg/../mod.py", "a path with '..'"),
    ("vendored/x.py", "a symlink leads outside the project"),
    ("vendored/new.py", "a symlink leads outside the project"),
    ("leak.py", "a symlink leads outside the project"),
    ("", "an empty path"),
])
def test_an_edit_outside_the_project_is_rejected_with_a_reason(
    tree: Path, path: str, why: str
) -> None:
    reason = outside_project(tree, ["pkg/mod.py", path])
    assert reason == f"edits a file outside the project: {path!r} ({why})"


def test_paths_inside_the_project_pass_even_through_a_symlink(tree: Path) -> None:
    assert outside_project(tree, ["pkg/mod.py", "pkg/new.py", "alias/mod.py", "top.py"]) is None
