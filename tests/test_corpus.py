"""Every instance of the project's bug corpus (and of the held-out set) is well formed: its
FAIL_TO_PASS tests fail on the bug, and after its gold patch every visible test and every hidden
test passes. The checks are the harness's own grading functions, so this also exercises them
on 90 real cases."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from homeostasis.evals.grade import grade, not_failing_before
from homeostasis.evals.instances import Instance, load_instances

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
CORPUS = BENCHMARKS / "corpus"
INSTANCES = load_instances(CORPUS / "corpus.jsonl")
HELDOUT = load_instances(BENCHMARKS / "heldout" / "corpus.jsonl")


@pytest.mark.parametrize(("folder", "instances", "least"),
                         [(CORPUS, INSTANCES, 60), (BENCHMARKS / "heldout", HELDOUT, 30)])
def test_corpus_lists_every_case_once(folder: Path, instances: list[Instance],
                                      least: int) -> None:
    cases = sorted(d.name for d in (folder / "cases").iterdir() if (d / "case.json").is_file())
    assert sorted(i.instance_id for i in instances) == cases
    assert len(cases) >= least


def test_corpus_covers_the_required_kinds_of_bug() -> None:
    categories = {i.category for i in INSTANCES}
    required = {
        "wrong comparison or arithmetic operator", "off-by-one",
        "wrong variable or argument order", "missing or wrong condition", "missing statement",
        "wrong return value", "mishandled None or empty input", "wrong dict/list/set use",
        "wrong API call or method", "bad exception handling", "string formatting/parsing",
        "recursion base case", "multi-line faults spanning two places",
    }
    assert required <= categories


@pytest.mark.slow
@pytest.mark.parametrize("instance", INSTANCES + HELDOUT, ids=lambda i: i.instance_id)
def test_instance_is_well_formed(instance: Instance, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(instance.path, project)
    assert not_failing_before(project, instance, timeout=60) is None
    patch = tmp_path / "gold.diff"
    patch.write_text(instance.gold_patch, encoding="utf-8")
    applied = subprocess.run(["git", "apply", "--whitespace=nowarn", str(patch)], cwd=project,
                             capture_output=True, text=True, check=False)
    assert applied.returncode == 0, applied.stderr
    status, reason = grade(project, instance, timeout=60)
    assert status == "correct", reason
