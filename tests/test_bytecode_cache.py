"""Bytecode kept between workspaces: later workspaces start with the first run's ``.pyc``
files, never for a file a candidate changed, and never for a source a test rewrote.
(``snapshot`` is conftest.py's tiny calc project.)"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import CALC_OPS
from homeostasis.tools.observe.runner import TestCommand, run_tests
from homeostasis.tools.sandbox.local.bytecode import BytecodeCache, source_of
from homeostasis.tools.sandbox.local.sandbox import LocalSandbox
from homeostasis.tools.sandbox.snapshot import Snapshot


def pycs(root: Path) -> set[str]:
    return {source_of(p.relative_to(root)).as_posix() for p in root.rglob("__pycache__/*.pyc")}


def test_source_of_names_the_compiled_file() -> None:
    assert source_of(Path("calc/__pycache__/ops.cpython-311.pyc")) == Path("calc/ops.py")
    assert source_of(Path("tests/__pycache__/test_ops.cpython-311-pytest-9.2.0.pyc")) == Path(
        "tests/test_ops.py")


@pytest.mark.slow
def test_later_workspaces_start_with_the_first_runs_bytecode(
    sandbox: LocalSandbox, snapshot: Snapshot
) -> None:
    with sandbox.workspace(snapshot) as ws:
        assert not pycs(ws.root)
        first = run_tests(ws, TestCommand.parse(None), timeout=60)
    assert first.failing_ids == ("tests/test_ops.py::test_add",)
    with sandbox.workspace(snapshot) as ws:
        assert pycs(ws.root) == {"calc/__init__.py", "calc/ops.py", "tests/test_ops.py"}
    fixed = {"calc/ops.py": CALC_OPS.replace("a - b", "a + b")}  # the same size
    with sandbox.workspace(snapshot, fixed) as ws:
        assert pycs(ws.root) == {"calc/__init__.py", "tests/test_ops.py"}
        run = run_tests(ws, TestCommand.parse(None), timeout=60)
    assert run.passing_ids == ("tests/test_ops.py::test_add", "tests/test_ops.py::test_sub")
    with sandbox.workspace(snapshot) as ws:  # and the original still fails
        again = run_tests(ws, TestCommand.parse(None), timeout=60)
    assert again.failing_ids == ("tests/test_ops.py::test_add",)
    assert not pycs(snapshot.root)  # the snapshot itself stays as it was taken


def test_bytecode_of_a_source_a_run_rewrote_is_not_kept(snapshot: Snapshot, tmp_path: Path
                                                         ) -> None:
    root = tmp_path / "ws"
    snapshot.copy_to(root)
    for name in ("ops", "__init__"):
        pyc = root / "calc" / "__pycache__" / f"{name}.cpython-311.pyc"
        pyc.parent.mkdir(exist_ok=True)
        pyc.write_bytes(b"compiled")
    ops = root / "calc" / "ops.py"
    ops.write_text(CALC_OPS.replace("a - b", "a * b"))  # what a hostile test might do
    os.utime(ops, ns=(0, 0))
    cache = BytecodeCache(snapshot, tmp_path / "store")
    cache.harvest(root)
    fresh = tmp_path / "fresh"
    snapshot.copy_to(fresh)
    cache.seed(fresh, changed=())
    assert pycs(fresh) == {"calc/__init__.py"}


def test_an_empty_harvest_waits_for_a_run_that_made_bytecode(snapshot: Snapshot,
                                                              tmp_path: Path) -> None:
    cache = BytecodeCache(snapshot, tmp_path / "store")
    root = tmp_path / "ws"
    snapshot.copy_to(root)
    cache.harvest(root)  # nothing compiled yet
    pyc = root / "calc" / "__pycache__" / "ops.cpython-311.pyc"
    pyc.parent.mkdir()
    pyc.write_bytes(b"compiled")
    cache.harvest(root)
    fresh = tmp_path / "fresh"
    snapshot.copy_to(fresh)
    cache.seed(fresh, changed=("calc/__init__.py",))
    assert pycs(fresh) == {"calc/ops.py"}
