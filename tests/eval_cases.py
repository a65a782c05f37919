"""Tiny eval instances for the harness tests: a small project with a bug in ``calc/ops.py``,
its tests, hidden tests, and the JSONL that lists them."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from helpers import write_files
from homeostasis.core.config import Settings

PYPROJECT = '[tool.pytest.ini_options]\ntestpaths = ["tests"]\npythonpath = ["."]\n'


def make_case(base: Path, case_id: str, source: str, tests: str, hidden: str | None,
              f2p: list[str], p2p: list[str], category: str = "operator") -> dict[str, object]:
    write_files(base / case_id / "project", {
        "pyproject.toml": PYPROJECT, "calc/__init__.py": "", "calc/ops.py": source,
        "tests/test_ops.py": tests,
    }, dedent=True)
    entry: dict[str, object] = {
        "instance_id": case_id, "path": f"{case_id}/project", "FAIL_TO_PASS": f2p,
        "PASS_TO_PASS": p2p, "category": category,
    }
    if hidden is not None:
        write_files(base / case_id / "hidden", {"tests/test_hidden.py": hidden}, dedent=True)
        entry["hidden_tests"] = f"{case_id}/hidden"
    return entry


CLAMP = textwrap.dedent("""
    def clamp(x, low, high):
        if x < low:
            return low
        if x > high:
            return high
        return x


    def in_range(x, low, high):
        return low < x <= high
""")
CLAMP_TESTS = textwrap.dedent("""
    from calc.ops import clamp, in_range


    def test_clamp():
        assert clamp(5, 0, 10) == 5
        assert clamp(-1, 0, 10) == 0


    def test_in_range_includes_low():
        assert in_range(0, 0, 10)
""")
CLAMP_F2P = ["tests/test_ops.py::test_in_range_includes_low"]
CLAMP_P2P = ["tests/test_ops.py::test_clamp"]


def write_jsonl(path: Path, entries: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    return path


def quick() -> Settings:
    return Settings(jobs=1, timeout=20, candidates=10, enough=1)
