"""Fixtures shared by the test files: a tiny project, its snapshot and a local sandbox.

The suite has layers, chosen with markers (registered in pyproject.toml): ``docker`` (needs a
Docker engine), ``e2e`` (runs the ``homeostasis`` command or a whole heal/eval) and ``slow``
(a second or more: real test runs in a sandbox, deadlines). The unit layer alone runs in
seconds:

    .venv/bin/python -m pytest -m "not docker and not e2e and not slow"

Helpers that are plain functions (writing files, running the CLI, reading a run's records) are
in helpers.py, imported as ``from helpers import ...``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import CALC_PROJECT, write_files
from homeostasis.tools.sandbox.local.sandbox import LocalSandbox
from homeostasis.tools.sandbox.snapshot import Snapshot


@pytest.fixture(autouse=True, scope="session")
def _state_of_its_own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The user's state folder (the undo ledger lives there) is a temp folder for the whole
    session, and for every ``homeostasis`` the tests start: never the real home's."""
    before = os.environ.get("XDG_STATE_HOME")
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))
    yield
    if before is None:
        os.environ.pop("XDG_STATE_HOME", None)
    else:
        os.environ["XDG_STATE_HOME"] = before


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The tiny calc project (``helpers.CALC_PROJECT``) at ``tmp_path/project``: its
    ``tests/test_ops.py::test_add`` fails, ``test_sub`` passes."""
    return write_files(tmp_path / "project", CALC_PROJECT)


@pytest.fixture
def snapshot(project: Path, tmp_path: Path) -> Snapshot:
    """A snapshot of ``project`` at ``tmp_path/snapshot``."""
    return Snapshot.take(project, tmp_path / "snapshot")


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[LocalSandbox]:
    """A local sandbox with its own folder, ``tmp_path/sandbox``, closed after the test (which
    removes every workspace it made)."""
    (tmp_path / "sandbox").mkdir()
    sb = LocalSandbox(tmp_path / "sandbox")
    yield sb
    sb.close()
