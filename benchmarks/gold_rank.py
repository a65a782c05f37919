"""At which position does the offline engine offer each corpus bug's gold fix?

    python benchmarks/gold_rank.py EVAL_OUT [--budget N]

A static companion to ``homeostasis eval``: it reuses the suspects and failures an eval run
recorded (``EVAL_OUT/runs/<id>/``), asks the template proposer for up to N candidates, and
reports the position of the first one whose patched files are the same program (by AST) as the
gold patch's. Nothing is run, so it takes seconds, which makes it the tool for tuning the
search order. It is a lower bound: a fix different from the gold one (``xs[-1]`` for
``xs[len(xs) - 1]``) can be correct and is not counted.
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from homeostasis.core.edits import apply_edits
from homeostasis.core.project import read_source
from homeostasis.core.records import Context, Suspect, TestRun, from_json
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates.engine import TemplateProposer

CORPUS = Path(__file__).resolve().parent / "corpus"


def gold_programs(project: Path, patch: str) -> dict[str, str]:
    """path → AST dump of each file the gold patch changes, patched."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "p"
        shutil.copytree(project, copy)
        (Path(tmp) / "gold.diff").write_text(patch, encoding="utf-8")
        subprocess.run(["git", "apply", str(Path(tmp) / "gold.diff")], cwd=copy, check=True)
        paths = [line[6:] for line in patch.splitlines() if line.startswith("+++ b/")]
        return {p: ast.dump(ast.parse(read_source(copy / p) or "")) for p in paths}


def gold_position(instance: dict[str, object], run: Path, budget: int) -> int | None:
    project = CORPUS / str(instance["path"])
    suspects = tuple(from_json(Suspect, s)
                     for s in json.loads((run / "suspects.json").read_text()))
    baseline = from_json(TestRun, json.loads((run / "failure.json").read_text()))
    gold = gold_programs(project, str(instance["gold_patch"]))
    task = RepairTask(project, baseline.failures, suspects, Context((), 0, 0))
    for position, cand in enumerate(TemplateProposer().propose(task, budget)):
        old = {e.path: read_source(project / e.path) or "" for e in cand.edits}
        new = apply_edits(old, cand.edits)
        if set(new) == set(gold) and all(ast.dump(ast.parse(new[p])) == gold[p] for p in new):
            return position
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_out", type=Path)
    parser.add_argument("--budget", type=int, default=400)
    args = parser.parse_args()
    positions: dict[str, int | None] = {}
    for line in (CORPUS / "corpus.jsonl").read_text().splitlines():
        instance = json.loads(line)
        run = args.eval_out / "runs" / instance["instance_id"]
        if (run / "suspects.json").is_file():
            positions[instance["instance_id"]] = gold_position(instance, run, args.budget)
            print(f"{instance['instance_id']:45s} {positions[instance['instance_id']]}")
    found = [p for p in positions.values() if p is not None]
    print(f"gold fix offered for {len(found)} of {len(positions)}; within the first "
          + ", ".join(f"{n}: {sum(p < n for p in found)}" for n in (10, 30, 60, 100)))


if __name__ == "__main__":
    main()
