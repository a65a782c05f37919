"""SWE-bench instances as they are: the repository from ``repos/owner__name``, its
``test_patch`` applied before repair (it supplies the failing test) and read-only to
candidates, and ``predictions.jsonl`` in the form SWE-bench's own harness grades. Also what
travels with a Ray task (a pack of folders) and the eval's executor settings."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from eval_cases import PYPROJECT, quick, write_jsonl
from helpers import git, run_cli, write_files
from homeostasis.core.config import Settings, load_settings
from homeostasis.core.errors import UsageError
from homeostasis.core.records import Candidate, Edit
from homeostasis.evals.archive import pack, unpack
from homeostasis.evals.command import eval_settings
from homeostasis.evals.instances import load_instances
from homeostasis.evals.predictions import model_name
from homeostasis.evals.test_patch import apply_test_patch, patched_paths
from homeostasis.evals.worker import run_instance
from homeostasis.tools.observe.runner import TestCommand
from homeostasis.tools.sandbox.local.sandbox import LocalSandbox
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.trial.candidate import TrialPlan, trial_candidate

SOURCE = "def clamp(x, low, high):\n    return max(low, min(x, high - 1))\n"
OLD_TESTS = ("from calc.ops import clamp\n\n\ndef test_inside():\n"
             "    assert clamp(5, 0, 10) == 5\n")
#: The test_patch: a new test that shows the bug (the high end is cut one short).
TEST_PATCH = "\n".join([
    "diff --git a/tests/test_ops.py b/tests/test_ops.py",
    "--- a/tests/test_ops.py",
    "+++ b/tests/test_ops.py",
    "@@ -3,3 +3,7 @@ from calc.ops import clamp",
    " ",
    " def test_inside():",
    "     assert clamp(5, 0, 10) == 5",
    "+",
    "+",
    "+def test_high_end_is_kept():",
    "+    assert clamp(10, 0, 10) == 10",
    "",
])
GOLD = """\
diff --git a/calc/ops.py b/calc/ops.py
--- a/calc/ops.py
+++ b/calc/ops.py
@@ -1,2 +1,2 @@
 def clamp(x, low, high):
-    return max(low, min(x, high - 1))
+    return max(low, min(x, high))
"""
F2P = ["tests/test_ops.py::test_high_end_is_kept"]


def _swe_bench(tmp_path: Path, test_patch: str = TEST_PATCH) -> Path:
    """A SWE-bench-style JSONL beside ``repos/octo__calc``, a git repository at its base
    commit, whose failing test only the test_patch adds."""
    repo = tmp_path / "repos" / "octo__calc"
    write_files(repo, {"pyproject.toml": PYPROJECT, "calc/__init__.py": "",
                       "calc/ops.py": SOURCE, "tests/test_ops.py": OLD_TESTS})
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base")
    entry = {"instance_id": "octo__calc-1", "repo": "octo/calc",
             "base_commit": git(repo, "rev-parse", "HEAD"), "patch": GOLD,
             "test_patch": test_patch, "problem_statement": "clamp cuts the high end short",
             "FAIL_TO_PASS": json.dumps(F2P),
             "PASS_TO_PASS": json.dumps(["tests/test_ops.py::test_inside"]),
             "version": "0.1", "environment_setup_commit": "", "created_at": "2026-12-01",
             "hints_text": ""}
    return write_jsonl(tmp_path / "swe.jsonl", [entry])


@pytest.mark.e2e
def test_the_test_patch_supplies_the_failing_test_and_the_prediction_applies(
    tmp_path: Path
) -> None:
    jsonl = _swe_bench(tmp_path)
    repo = tmp_path / "repos" / "octo__calc"
    done = run_cli("eval", jsonl, "--out", tmp_path / "out", "--workers", "1", timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr

    [result] = [json.loads(line) for line in
                (tmp_path / "out" / "results.jsonl").read_text().splitlines()]
    assert result["status"] == "plausible", result  # no hidden tests: plausible at best
    assert "-    return max(low, min(x, high - 1))" in result["diff"]
    # The repository itself is as it was: the test patch went on the eval's copy only.
    assert git(repo, "status", "--porcelain") == ""
    [prediction] = [json.loads(line) for line in
                    (tmp_path / "out" / "predictions.jsonl").read_text().splitlines()]
    assert prediction == {"instance_id": "octo__calc-1",
                          "model_name_or_path": "homeostasis/templates",
                          "model_patch": result["diff"]}
    # As SWE-bench's harness grades it: the test patch and the prediction on the base commit.
    subprocess.run(["git", "apply", "-"], cwd=repo, input=TEST_PATCH, text=True, check=True)
    subprocess.run(["git", "apply", "-"], cwd=repo, input=prediction["model_patch"], text=True,
                   check=True)
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                           cwd=repo, capture_output=True, text=True, check=False)
    assert tests.returncode == 0, tests.stdout


def test_without_the_test_patch_the_instance_is_broken(tmp_path: Path) -> None:
    # The same instance, its test patch dropped: the FAIL_TO_PASS test does not exist, so
    # the instance is broken (the patch is what makes it an instance at all).
    [instance] = load_instances(_swe_bench(tmp_path, test_patch=""))
    work = tmp_path / "work"
    work.mkdir()
    result = run_instance(instance, quick(), work, tmp_path / "runs")
    assert result.status == "error" and result.reason.startswith("broken instance"), result


def test_a_test_patch_that_does_not_apply_is_a_broken_instance(tmp_path: Path) -> None:
    [instance] = load_instances(_swe_bench(tmp_path, TEST_PATCH.replace("== 5", "== 6")))
    work = tmp_path / "work"
    work.mkdir()
    result = run_instance(instance, quick(), work, tmp_path / "runs")
    assert result.status == "error"
    assert result.reason.startswith("broken instance: the test_patch does not apply"), result
    assert not (tmp_path / "runs").exists()  # no loop ran


def test_patched_paths_and_a_patch_applied_outside_any_repository(tmp_path: Path) -> None:
    assert patched_paths(TEST_PATCH + GOLD) == ("tests/test_ops.py", "calc/ops.py")
    new_file = "--- /dev/null\n+++ b/tests/test_new.py\n@@ -0,0 +1 @@\n+x = 1\n"
    assert patched_paths(new_file) == ("tests/test_new.py",)
    write_files(tmp_path / "p", {"tests/test_ops.py": OLD_TESTS})
    assert apply_test_patch(tmp_path / "p", TEST_PATCH + new_file) == (
        "tests/test_ops.py", "tests/test_new.py")
    assert "test_high_end_is_kept" in (tmp_path / "p/tests/test_ops.py").read_text()
    assert (tmp_path / "p/tests/test_new.py").read_text() == "x = 1\n"


def test_a_candidate_may_not_edit_a_protected_file(tmp_path: Path) -> None:
    project = write_files(tmp_path / "project", {"calc.py": "X = 1\n", "data.py": "Y = 2\n"})
    snapshot = Snapshot.take(project, tmp_path / "snapshot")
    plan = TrialPlan(TestCommand((sys.executable, "-m", "pytest")), ("t::a",), frozenset(),
                     (), 1, 10.0, protected=Settings(protected="data.py, other.py")
                     .protected_paths())
    cand = Candidate("c1", "hand", (Edit("data.py", "Y = 2", "Y = 3"),), "edits data")
    sandbox = LocalSandbox(tmp_path / "sandbox")
    try:
        trial = trial_candidate(sandbox, snapshot, cand, plan)
    finally:
        sandbox.close()
    assert (trial.status, trial.reason) == ("rejected",
                                            "edits data.py, which this run keeps read-only")


def test_a_pack_travels_whole_and_leaves_out_history_and_caches(tmp_path: Path) -> None:
    write_files(tmp_path / "a", {"m.py": "x = 1\n", "sub/n.py": "y = 2\n",
                                 ".git/HEAD": "ref\n", "sub/__pycache__/n.pyc": b"\0"})
    (tmp_path / "a" / "link.py").symlink_to("m.py")
    write_files(tmp_path / "b", {"t.py": "z = 3\n"})
    unpack(pack({"project": tmp_path / "a", "hidden": tmp_path / "b"}), tmp_path / "out")
    got = sorted(p.relative_to(tmp_path / "out").as_posix()
                 for p in (tmp_path / "out").rglob("*") if not p.is_dir())
    assert got == ["hidden/t.py", "project/link.py", "project/m.py", "project/sub/n.py"]
    assert (tmp_path / "out" / "project" / "link.py").is_symlink()


def test_a_pack_that_would_write_outside_its_folder_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        data = b"owned\n"
        info = tarfile.TarInfo("../escaped.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(tarfile.OutsideDestinationError):
        unpack(buffer.getvalue(), tmp_path / "dest")
    assert not (tmp_path / "escaped.txt").exists()


def test_the_executor_comes_from_flags_environment_or_the_project_file_only(
    tmp_path: Path
) -> None:
    write_files(tmp_path, {"pyproject.toml": '[tool.homeostasis]\nexecutor = "ray"\n'
                                             'ray_address = "10.0.0.5:6379"\ntest = "make"\n'})

    class Args:
        model = jobs = timeout = test_timeout = time_budget = candidates = None
        enough = sandbox = executor = address = None

    settings = eval_settings(Args(), {}, tmp_path)  # type: ignore[arg-type]
    assert (settings.executor, settings.ray_address) == ("ray", "10.0.0.5:6379")
    assert settings.test is None  # each instance is its own project: no test command here
    assert eval_settings(Args(), {"HOMEOSTASIS_EXECUTOR": "pool"}, tmp_path).executor == "pool"
    with pytest.raises(UsageError, match="executor must be pool or ray, not 'spark'"):
        load_settings(None, {"HOMEOSTASIS_EXECUTOR": "spark"}, {})
    assert model_name(Settings(model="openai:gpt-4o-mini"), None) == (
        "homeostasis/openai:gpt-4o-mini")
