"""Finding the project's interpreter: the order of the places looked in, what each says of
itself, and the project folders an editable install maps (real virtual environments, made by
``venv``; project tools such as Poetry faked as programs on PATH)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from helpers import make_venv, write_files
from homeostasis.core.errors import UsageError
from homeostasis.tools.observe.interpreter import (
    editable_dirs,
    find_interpreter,
    layout_dirs,
    sandbox_interpreter,
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "proj").mkdir()
    return tmp_path / "proj"


def test_with_no_environment_anywhere_it_is_homeostasis_own_and_says_so(root: Path) -> None:
    found = find_interpreter(root, {})
    assert found.path == Path(sys.executable)
    assert "no project environment found" in found.describe(root)
    assert found.version == ".".join(map(str, sys.version_info[:3]))
    assert found.has_pytest


def test_a_dot_venv_in_the_project_is_used_and_named(root: Path) -> None:
    python = make_venv(root / ".venv", with_pytest=False)
    found = find_interpreter(root, {})
    assert found.path == python
    assert not found.has_pytest
    assert found.describe(root).endswith("at .venv/bin/python (the project's .venv)")


def test_a_plain_venv_folder_is_found_too(root: Path) -> None:
    assert find_interpreter(root, {}).path != root / "venv/bin/python"
    make_venv(root / "venv", with_pytest=False)
    assert find_interpreter(root, {}).path == root / "venv/bin/python"


def test_the_active_virtual_environment_comes_before_the_projects(root: Path,
                                                                   tmp_path: Path) -> None:
    make_venv(root / ".venv", with_pytest=False)
    active = make_venv(tmp_path / "active", with_pytest=False)
    found = find_interpreter(root, {"VIRTUAL_ENV": str(tmp_path / "active")})
    assert (found.path, found.found_by) == (active, "the active virtual environment")


def test_python_given_by_the_user_wins_as_a_path_or_a_folder(root: Path, tmp_path: Path) -> None:
    make_venv(root / ".venv", with_pytest=False)
    other = make_venv(tmp_path / "other", with_pytest=False)
    assert find_interpreter(root, {}, str(other)).path == other
    assert find_interpreter(root, {}, str(tmp_path / "other")).path == other
    make_venv(root / "envs" / "py", with_pytest=False)
    assert find_interpreter(root, {}, "envs/py").path == root / "envs/py/bin/python"


def test_a_configured_python_that_is_not_there_is_a_usage_error(root: Path) -> None:
    with pytest.raises(UsageError, match="not an interpreter"):
        find_interpreter(root, {}, "nowhere/bin/python")


def test_an_environment_that_does_not_run_is_a_usage_error(root: Path) -> None:
    broken = root / ".venv" / "bin" / "python"
    broken.parent.mkdir(parents=True)
    broken.write_text("#!/bin/sh\necho 'libpython3.99.so: cannot open' >&2\nexit 127\n")
    broken.chmod(0o755)
    with pytest.raises(UsageError, match="cannot open"):
        find_interpreter(root, {})


def test_tox_environments_are_used_when_the_project_declares_tox(root: Path) -> None:
    make_venv(root / ".tox" / "lint", with_pytest=False)
    make_venv(root / ".tox" / "py311", with_pytest=False)
    assert "tox" not in find_interpreter(root, {}).found_by  # not declared: not looked at
    (root / "tox.ini").write_text("[tox]\nenv_list = py311\n")
    found = find_interpreter(root, {})
    assert (found.path, found.found_by) == (root / ".tox/py311/bin/python",
                                            "tox's py311 environment")


def test_poetry_is_asked_where_its_environment_is(root: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    env = make_venv(tmp_path / "cache" / "proj-py3.11", with_pytest=False)
    tools = tmp_path / "bin"
    tools.mkdir()
    poetry = tools / "poetry"
    poetry.write_text(f"#!/bin/sh\n[ \"$*\" = 'env info --path' ] && echo {env.parents[1]}\n")
    poetry.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    (root / "pyproject.toml").write_text("[tool.poetry]\nname = 'proj'\n")
    found = find_interpreter(root, {})
    assert (found.path, found.found_by) == (env, "poetry's environment")


def test_an_editable_install_by_path_maps_the_src_folder(root: Path) -> None:
    python = make_venv(root / ".venv", with_pytest=False, modules={
        "__editable__.proj-0.1.pth": f"{root / 'src'}\n"})
    (root / "src" / "proj").mkdir(parents=True)
    found = find_interpreter(root, {})
    assert found.path == python
    assert found.source_dirs == ("src",)


def test_an_editable_install_by_finder_maps_the_folder_holding_the_package(root: Path) -> None:
    finder = (f"MAPPING: dict[str, str] = {{'proj': '{root / 'lib' / 'proj'}'}}\n"
              "NAMESPACES: dict[str, list[str]] = {}\n")
    make_venv(root / ".venv", with_pytest=False, modules={
        "__editable___proj_0_1_finder.py": finder,
        "__editable__.proj-0.1.pth": "import __editable___proj_0_1_finder\n"})
    assert find_interpreter(root, {}).source_dirs == ("lib",)


def test_editable_dirs_keeps_project_folders_only_never_the_root_or_the_environment(
        tmp_path: Path) -> None:
    root, prefix = tmp_path / "p", tmp_path / "p" / ".venv"
    (root / "src" / "a").mkdir(parents=True)
    (root / "b").mkdir()
    path = [str(root), str(root / "src"), "/usr/lib/python3.11", str(prefix / "lib"), ""]
    named = [str(root / "src" / "a"), str(root / "b" / "__init__.py"), "/elsewhere/c"]
    assert editable_dirs(root, prefix, path, named) == ("src",)


def test_a_sandbox_of_its_own_reads_the_source_folders_from_the_layout(tmp_path: Path) -> None:
    src = write_files(tmp_path / "src-layout", {"src/shop/__init__.py": "", "tests/t.py": ""})
    assert layout_dirs(src) == ("src",)
    mapped = write_files(tmp_path / "mapped", {
        "pyproject.toml": '[tool.setuptools]\npackage-dir = {"" = "lib"}\n',
        "lib/shop/__init__.py": "", "src/notes.txt": "not code\n"})
    assert layout_dirs(mapped) == ("lib",)
    flat = write_files(tmp_path / "flat", {
        "pyproject.toml": '[tool.setuptools]\npackage-dir = {"" = "../outside"}\n',
        "shop/__init__.py": ""})
    assert layout_dirs(flat) == ()
    assert sandbox_interpreter(src).source_dirs == ("src",)
