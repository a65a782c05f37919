"""``homeostasis eval`` gives an instance the same interpreter whatever shell starts it: a bare
``python`` in its command is the eval's own, not the first on PATH nor an active venv."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import COUNTSORT, make_venv, read_jsonl, run_cli, write_files

pytestmark = pytest.mark.e2e

TEST = "tests/test_countsort.py::test_count_sort"


def _eval(instances: Path, out: Path, env: dict[str, str] | None = None) -> str:
    done = run_cli("eval", instances, "--workers", "1", "--out", out, env=env, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    [result] = read_jsonl(out / "results.jsonl")
    return str(result["status"])


def test_the_outcome_does_not_depend_on_the_python_of_the_shell(tmp_path: Path) -> None:
    write_files(tmp_path / "cases" / "countsort", COUNTSORT, dedent=True)
    instances = tmp_path / "instances.jsonl"
    instances.write_text(json.dumps({
        "instance_id": "countsort", "path": "cases/countsort", "test_cmd": "python -m pytest",
        "FAIL_TO_PASS": [f"{TEST}[values1-3-expected1]", f"{TEST}[values2-5-expected2]"],
        "PASS_TO_PASS": [f"{TEST}[values0-3-expected0]"]}) + "\n")
    # a shell whose `python` (first on PATH, and the active venv) has no pytest at all
    other = make_venv(tmp_path / "shell-venv", with_pytest=False)
    shell = {"PATH": f"{other.parent}{os.pathsep}{os.environ['PATH']}",
             "VIRTUAL_ENV": str(other.parents[1])}

    plain = _eval(instances, tmp_path / "out-plain")
    activated = _eval(instances, tmp_path / "out-activated", shell)

    assert plain == activated == "plausible"
