"""What the Docker sandbox's dependency layer installs for a project: its requirement files,
``[project]`` dependencies and the pins of its lock file (read only; no engine needed)."""

from __future__ import annotations

from pathlib import Path

from homeostasis.tools.sandbox.docker.image import locked_requirements, project_requirements

UV_LOCK = """version = 1
requires-python = ">=3.11"

[[package]]
name = "shop"
version = "0.1.0"
source = { editable = "." }
dependencies = [{ name = "requests" }]

[[package]]
name = "requests"
version = "2.32.3"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "urllib3"
version = "2.2.3"
source = { registry = "https://pypi.org/simple" }
"""
POETRY_LOCK = """[[package]]
name = "attrs"
version = "24.2.0"
description = "Classes Without Boilerplate"
optional = false
python-versions = ">=3.7"
"""


def test_a_uv_lock_pins_every_package_but_the_project_itself(tmp_path: Path) -> None:
    (tmp_path / "uv.lock").write_text(UV_LOCK)
    pins, _ = locked_requirements(tmp_path)
    assert pins == ["requests==2.32.3", "urllib3==2.2.3"]


def test_a_poetry_lock_pins_its_packages_and_changes_the_layers_hash(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname='p'\ndependencies=['attrs']\n")
    wanted, before = project_requirements(tmp_path)
    assert wanted == ["attrs"]
    (tmp_path / "poetry.lock").write_text(POETRY_LOCK)
    wanted, after = project_requirements(tmp_path)
    assert wanted == ["attrs", "attrs==24.2.0"]
    assert after != before  # a new lock builds a new layer


def test_no_lock_file_pins_nothing(tmp_path: Path) -> None:
    assert locked_requirements(tmp_path) == ([], "")
    (tmp_path / "uv.lock").write_text("not [toml")
    assert locked_requirements(tmp_path)[0] == []
