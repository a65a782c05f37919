"""Regression tests for bugs found in review: each fails without its fix."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from homeostasis.cli import main
from homeostasis.core.records import (
    Candidate,
    Edit,
    Ranked,
    Ranking,
    ScoreBreakdown,
    TestResult,
    TestRun,
)
from homeostasis.tools.observe.runner import TestCommand
from homeostasis.tools.sandbox.local import LocalSandbox
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.trial.candidate import TrialPlan, fixed, trial_candidate
from homeostasis.ui import Console


@pytest.mark.parametrize("command", ["pytest 'unclosed", "   "])
def test_unreadable_test_command_is_one_line_exit_2(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    assert main(["fix", str(tmp_path), "--test", command, "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("homeostasis: error:") and "internal error" not in err
    assert not (tmp_path / ".homeostasis").exists()  # refused before any run record


def test_broken_nested_conftest_counts_as_fixed_when_its_folder_passes() -> None:
    # pytest names a collection error in a nested conftest.py by its folder.
    after = TestRun("ok", (TestResult("tests/sub/test_b.py::test_b", "passed"),
                           TestResult("tests/test_a.py::test_a", "passed")))
    assert fixed(after, "tests/sub", frozenset({"tests/sub"}))
    still = TestRun("ok", (TestResult("tests/sub", "error", collection_error=True),))
    assert not fixed(still, "tests/sub", frozenset({"tests/sub"}))


@pytest.fixture
def sandbox(tmp_path: Path):
    sb = LocalSandbox(tmp_path / "sandbox")
    (tmp_path / "sandbox").mkdir()
    yield sb
    sb.close()


def test_candidate_the_file_encoding_cannot_hold_is_an_error_trial(
    tmp_path: Path, sandbox: LocalSandbox
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    source = "# -*- coding: latin-1 -*-\nNAME = 'caf\xe9'\n"
    (project / "mod.py").write_bytes(source.encode("latin-1"))
    snapshot = Snapshot.take(project, tmp_path / "snapshot")
    cand = Candidate("c1", "hand", (Edit("mod.py", "NAME = 'caf\xe9'\n", "NAME = '→'\n"),), "x")
    plan = TrialPlan(TestCommand((sys.executable, "-m", "pytest")), ("t",), frozenset(), (), 1,
                     30.0)
    trial = trial_candidate(sandbox, snapshot, cand, plan)
    assert trial.status == "error" and "cannot be written" in trial.reason
    assert list(sandbox.base.iterdir()) == []  # the half-made workspace is gone


def test_a_command_the_os_cannot_execute_is_data(tmp_path: Path, sandbox: LocalSandbox) -> None:
    project = tmp_path / "project"
    project.mkdir()
    script = project / "run-tests"
    script.write_text("echo no interpreter line\n", encoding="utf-8")
    script.chmod(0o755)
    snapshot = Snapshot.take(project, tmp_path / "snapshot")
    with sandbox.workspace(snapshot) as ws:
        result = ws.run(["./run-tests"], timeout=10)
    assert result.status == "not_found" and result.returncode is None


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_running_commands_leaks_no_file_descriptors(tmp_path: Path, sandbox: LocalSandbox) -> None:
    project = tmp_path / "project"
    project.mkdir()
    snapshot = Snapshot.take(project, tmp_path / "snapshot")
    with sandbox.workspace(snapshot) as ws:
        ws.run([sys.executable, "-c", "pass"], timeout=30)
        before = len(os.listdir("/proc/self/fd"))
        for _ in range(5):
            ws.run([sys.executable, "-c", "pass"], timeout=30)
        assert len(os.listdir("/proc/self/fd")) == before


def test_end_of_input_at_the_prompt_means_quit() -> None:
    def closed(prompt: str) -> str:
        raise EOFError

    cand = Candidate("t001", "hand", (Edit("a.py", "x", "y"),), "d", diff="")
    ranking = Ranking((Ranked("t001", 1, ScoreBreakdown(1.0, 1, 1, 99.0, "why")),))
    console = Console(out=io.StringIO(), interactive=True, ask=closed)
    assert console.choose(ranking, {"t001": cand}, {}) is None
