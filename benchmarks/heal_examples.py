"""Time the healing loop on the bundled examples.

    python benchmarks/heal_examples.py [--repeat N] [--jobs N] [--sandbox local|docker]

For each example (a fresh copy each repeat) it runs ``heal`` as ``homeostasis fix --dry-run``
does and reports the median wall time, the candidates tried, the median time of one trial that
stopped at the failing tests, the time to run just those failing tests once with a fresh
``python -m pytest`` (for comparison), and the overhead per candidate: a trial's wall time
minus the time pytest reports for the tests it ran — copying the tree, applying the edit,
starting the test process, collecting, and reading the results.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from homeostasis.core.config import Settings
from homeostasis.core.records import Trial, from_json
from homeostasis.loop import Decision, heal
from homeostasis.propose.templates.engine import TemplateProposer
from homeostasis.ui import Console

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def bare_test_time(project: Path, ids: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.monotonic()
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *ids],
                       cwd=project, capture_output=True, check=False)
        times.append(time.monotonic() - start)
    return statistics.median(times)


def measure(example: str, repeat: int, jobs: int, sandbox: str) -> dict[str, float]:
    walls, tried, first_stage, overheads = [], [], [], []
    ids: list[str] = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp) / example
            shutil.copytree(EXAMPLES / example, project)
            start = time.monotonic()
            result = heal(project, Settings(jobs=jobs, sandbox=sandbox), Console(out=io.StringIO()),
                          Decision("dry_run"), TemplateProposer())
            walls.append(time.monotonic() - start)
            lines = (result.run_dir / "trials.jsonl").read_text().splitlines()
            trials = [from_json(Trial, json.loads(line)) for line in lines]
            tried.append(len(trials))
            first_stage += [t.duration for t in trials if len(t.runs) == 1]
            overheads += [t.duration - sum(r.duration for r in t.runs[0].results)
                          for t in trials if len(t.runs) == 1]
            ids = list(trials[0].fail_to_pass)
            bare = bare_test_time(project, ids, 3)
    return {
        "wall_s": statistics.median(walls),
        "candidates": statistics.median(tried),
        "trial_failing_only_s": statistics.median(first_stage) if first_stage else float("nan"),
        "bare_failing_tests_s": bare,
        "overhead_s": statistics.median(overheads) if overheads else float("nan"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sandbox", choices=("local", "docker"), default="local")
    args = parser.parse_args()
    print(f"sandbox: {args.sandbox}, jobs: {args.jobs}, repeat: {args.repeat}\n")
    print("| example | wall (median) | candidates | trial, failing tests only | "
          "same tests, fresh pytest | overhead per candidate |")
    print("|---|---|---|---|---|---|")
    for example in ("invoicing", "shipping"):
        m = measure(example, args.repeat, args.jobs, args.sandbox)
        print(f"| {example} | {m['wall_s']:.2f} s | {m['candidates']:.0f} | "
              f"{m['trial_failing_only_s'] * 1000:.0f} ms | "
              f"{m['bare_failing_tests_s'] * 1000:.0f} ms | {m['overhead_s'] * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
