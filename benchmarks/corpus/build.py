"""Build and check the project's own bug corpus.

    python benchmarks/corpus/build.py            # (re)write benchmarks/corpus/corpus.jsonl
    python benchmarks/corpus/build.py --check    # only check; exit 1 if a case is broken
    python benchmarks/corpus/build.py CASE_ID …  # just these cases (check only)
    python benchmarks/corpus/build.py --root benchmarks/heldout   # another corpus folder

A case is a folder ``cases/<id>/`` holding

    case.json   {"category": "...", "description": "..."}
    project/    the buggy project: a package, tests/, and a pyproject.toml that lets
                ``python -m pytest`` run the tests in place
    fix/        the fixed version of every file the gold patch changes, at the same paths
    hidden/     extra test files, at the paths they take inside the project, that tell a
                correct fix from one that merely passes the visible tests

The builder runs the tests exactly as ``homeostasis`` sees them and derives the instance:
FAIL_TO_PASS (visible tests failing on the bug, passing with the fix), PASS_TO_PASS (passing on
both), and the gold patch (the diff from project/ to fix/). A case is well formed when at
least one visible test fails on the bug, every visible test passes with the fix, every hidden
test passes with the fix, and at least one hidden test fails on the bug.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from homeostasis.core.diff import diff_files
from homeostasis.core.project import read_source
from homeostasis.core.records import TestRun
from homeostasis.evals.grade import run_in_sandbox
from homeostasis.tools.observe.runner import TestCommand

HERE = Path(__file__).resolve().parent
TIMEOUT = 60.0


@dataclass(frozen=True)
class Checked:
    case_id: str
    problems: tuple[str, ...]
    instance: dict[str, object]


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _run(tree: Path) -> TestRun:
    return run_in_sandbox(tree, TestCommand.parse(None), (), TIMEOUT)


def _layer(dest: Path, *sources: Path) -> Path:
    """``dest`` made of ``sources`` copied over one another."""
    for source in sources:
        shutil.copytree(source, dest, dirs_exist_ok=True)
    return dest


def check_case(case: Path) -> Checked:
    """Run a case's tests on the bug, with the fix, and with the hidden tests; derive the
    instance and list every way the case is not well formed."""
    problems: list[str] = []
    meta = json.loads((case / "case.json").read_text(encoding="utf-8"))
    project, fix, hidden = case / "project", case / "fix", case / "hidden"
    for needed in (project, fix, hidden):
        if not needed.is_dir():
            return Checked(case.name, (f"missing {needed.name}/",), {})
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        buggy = _run(_layer(t / "buggy" / "p", project))
        fixed = _run(_layer(t / "fixed" / "p", project, fix))
        hidden_fixed = _run(_layer(t / "hfixed" / "p", project, fix, hidden))
        hidden_buggy = _run(_layer(t / "hbuggy" / "p", project, hidden))
    for name, run in (("bug", buggy), ("fix", fixed), ("fix+hidden", hidden_fixed),
                      ("bug+hidden", hidden_buggy)):
        if run.status != "ok":
            problems.append(f"tests on {name} did not run: {run.detail}")
    if problems:
        return Checked(case.name, tuple(problems), {})
    failing, passing = list(buggy.failing_ids), list(buggy.passing_ids)
    if not failing:
        problems.append("no visible test fails on the bug")
    if fixed.failing_ids:
        problems.append(f"visible tests fail with the fix: {list(fixed.failing_ids)}")
    missing = set(failing + passing) - set(fixed.passing_ids)
    if missing - set(fixed.failing_ids):
        problems.append(f"tests vanish with the fix: {sorted(missing)}")
    if hidden_fixed.failing_ids:
        problems.append(f"hidden tests fail with the fix: {list(hidden_fixed.failing_ids)}")
    hidden_ids = {f"{path}::" for path in _files(hidden)}
    hidden_failing = [t for t in hidden_buggy.failing_ids
                      if any(t.startswith(prefix) for prefix in hidden_ids)]
    if not hidden_failing:
        problems.append("no hidden test fails on the bug: the hidden tests tell nothing apart")
    old = {p: read_source(project / p) or "" for p in _files(fix)}
    new = {p: read_source(fix / p) or "" for p in _files(fix)}
    gold = diff_files(old, new)
    if not gold:
        problems.append("fix/ changes nothing")
    instance = {
        "instance_id": case.name,
        "path": f"cases/{case.name}/project",
        "FAIL_TO_PASS": failing,
        "PASS_TO_PASS": passing,
        "hidden_tests": f"cases/{case.name}/hidden",
        "gold_patch": gold,
        "category": meta.get("category", ""),
        "description": meta.get("description", ""),
    }
    return Checked(case.name, tuple(problems), instance)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build and check the bug corpus.")
    parser.add_argument("cases", nargs="*", help="case ids (default: all)")
    parser.add_argument("--check", action="store_true", help="check only; write nothing")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--root", type=Path, default=HERE,
                        help="the corpus folder, holding cases/ (default: this folder)")
    args = parser.parse_args(argv)
    cases, corpus = args.root / "cases", args.root / "corpus.jsonl"
    dirs = [cases / c for c in args.cases] if args.cases else sorted(
        d for d in cases.iterdir() if (d / "case.json").is_file())
    with ThreadPoolExecutor(args.workers) as pool:
        results = list(pool.map(check_case, dirs))
    bad = [r for r in results if r.problems]
    for r in results:
        mark = "ok " if not r.problems else "BAD"
        print(f"{mark} {r.case_id}" + "".join(f"\n    - {p}" for p in r.problems))
    print(f"{len(results) - len(bad)} well formed, {len(bad)} broken")
    if not args.check and not args.cases and not bad:
        corpus.write_text(
            "".join(json.dumps(r.instance, ensure_ascii=False) + "\n" for r in results),
            encoding="utf-8",
        )
        print(f"wrote {corpus}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
