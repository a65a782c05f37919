"""Finding a project's root from a folder inside it, as pytest finds its rootdir."""

from __future__ import annotations

from pathlib import Path

import pytest
from homeostasis.core.errors import ProjectError
from homeostasis.loop import find_root


@pytest.mark.parametrize("marker", ["pyproject.toml", "setup.cfg", "setup.py", "pytest.ini",
                                    "tox.ini", ".git"])
def test_the_nearest_folder_up_with_a_marker_is_the_root(tmp_path: Path, marker: str) -> None:
    (tmp_path / "proj" / "pkg" / "sub").mkdir(parents=True)
    (tmp_path / "proj" / marker).write_text("")
    assert find_root(tmp_path / "proj" / "pkg" / "sub") == (tmp_path / "proj").resolve()
    assert find_root(tmp_path / "proj") == (tmp_path / "proj").resolve()


def test_a_nested_project_is_its_own_root(tmp_path: Path) -> None:
    (tmp_path / "mono" / "libs" / "one" / "tests").mkdir(parents=True)
    (tmp_path / "mono" / ".git").mkdir()
    (tmp_path / "mono" / "libs" / "one" / "pyproject.toml").write_text("")
    assert find_root(tmp_path / "mono/libs/one/tests") == (tmp_path / "mono/libs/one").resolve()


def test_without_any_marker_the_folder_given_is_the_root(tmp_path: Path) -> None:
    (tmp_path / "loose").mkdir()
    assert find_root(tmp_path / "loose") == (tmp_path / "loose").resolve()
    with pytest.raises(ProjectError):
        find_root(tmp_path / "missing")
