"""End to end: a bug that makes a test loop forever is repaired like any other. The baseline
stops the looping test at its deadline and holds it as failing; candidates that still loop
are cut at theirs; the real ``homeostasis fix --yes`` applies the fix."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers import (
    TRACEBACK,
    only_run,
    read_json,
    read_jsonl,
    run_cli,
    run_project_tests,
    write_project,
)

pytestmark = pytest.mark.e2e

LEVELS = "sizes/levels.py"
BUG = "    while n != 1:\n"
FIX = "    while n > 1:\n"
PROJECT: dict[str, str | bytes] = {
    "sizes/__init__.py": "",
    LEVELS: (
        "def levels(n):\n"
        '    """How many times ``n`` items can be halved (rounding down) before one is '
        'left."""\n'
        "    count = 0\n"
        f"{BUG}"
        "        n //= 2\n"
        "        count += 1\n"
        "    return count\n"
    ),
    "tests/test_levels.py": (
        "from sizes.levels import levels\n\n\n"
        "def test_one():\n    assert levels(1) == 0\n\n\n"
        "def test_eight():\n    assert levels(8) == 3\n\n\n"
        "def test_nothing_to_halve():\n    assert levels(0) == 0\n"
    ),
}
HANGS = "tests/test_levels.py::test_nothing_to_halve"


def test_an_endless_loop_is_repaired(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project", PROJECT)
    start = time.monotonic()
    done = run_cli("fix", project, "--yes", "--jobs", "2", "--test-timeout", "3",
                   "--timeout", "600")
    took = time.monotonic() - start

    assert done.returncode == 0, done.stdout + done.stderr
    assert TRACEBACK not in done.stdout + done.stderr
    assert FIX in (project / LEVELS).read_text(encoding="utf-8")
    assert run_project_tests(project).returncode == 0
    run = only_run(project)
    baseline = read_json(run / "failure.json")
    (failure,) = baseline["failures"]
    assert (failure["test_id"], failure["exc_type"]) == (HANGS, "Timeout")
    assert failure["message"] == "the test did not finish within 3s"
    assert {(f["path"], f["line"]) for f in failure["frames"] if f["in_project"]
            and not f["is_test"]} <= {(LEVELS, 4), (LEVELS, 5), (LEVELS, 6)}
    cut = [t for t in read_jsonl(run / "trials.jsonl") if t["reason"] == f"hangs: {HANGS}"]
    assert cut, "no candidate looped: the test does not show candidates cut at the deadline"
    assert all(t["duration"] < 2.0 * 10 for t in cut)  # the candidate's deadline, not 600 s
    assert took < 600
