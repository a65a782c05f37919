"""Time ``homeostasis eval`` per candidate, and compare it with ``homeostasis fix``.

    python benchmarks/eval_speed.py INSTANCES.jsonl [--workers N] [--fix] [--out DIR]

It runs the real ``homeostasis eval`` on the instances (``--workers`` at a time, 2 by default
as for the corpus) and prints, for each instance, its wall time, the candidates tried, the wall
time per candidate (instance wall time / candidates tried), the median trial, the median
overhead of a trial (its wall time minus the time pytest reports for the tests it ran: the
workspace, the edit, starting pytest, collecting, reading results) and the time spent outside
the trials (the instance's copy and checks, the baseline, localisation, grading). The totals
line divides the instances' summed wall time by the summed candidates, and also gives the CPU
time of every process the eval started, per candidate: on a busy machine wall times stretch,
CPU times much less. With ``--fix`` the same instances are then repaired by ``homeostasis fix
--yes`` on copies, with the settings an eval uses (one job, stop at the first plausible fix,
120 s per suite run), as many at once as ``--workers``, and the same figures are printed.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CLI = [sys.executable, "-c", "import sys; from homeostasis.cli import main; sys.exit(main())"]


@dataclass
class Measured:
    """One instance under eval or fix."""

    instance_id: str
    wall: float
    candidates: int
    trials: list[dict[str, Any]]

    @property
    def per_candidate(self) -> float:
        return self.wall / max(self.candidates, 1)

    @property
    def outside_trials(self) -> float:
        return self.wall - sum(t["duration"] for t in self.trials)


def _overhead(trial: dict[str, Any]) -> float:
    """A trial's wall time less the time pytest reports for the tests of its runs."""
    tests = sum(r["duration"] for run in trial["runs"] for r in run["results"])
    return float(trial["duration"]) - tests


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_eval(instances: Path, workers: int, out: Path) -> tuple[list[Measured], float, float]:
    """The eval's instances, its wall time and the CPU time of all it started."""
    shutil.rmtree(out, ignore_errors=True)
    cpu, start = _cpu_of_children(), time.monotonic()
    subprocess.run([*CLI, "eval", str(instances), "--workers", str(workers), "--out", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    wall, cpu = time.monotonic() - start, _cpu_of_children() - cpu
    measured = [Measured(r["instance_id"], r["wall_time"], r["candidates_tried"],
                         _read_jsonl(Path(r["run_dir"]) / "trials.jsonl"))
                for r in _read_jsonl(out / "results.jsonl")]
    return measured, wall, cpu


def run_fix(instances: Path, workers: int, work: Path) -> tuple[list[Measured], float, float]:
    """``homeostasis fix --yes`` on a copy of each instance, ``workers`` at a time."""
    entries = _read_jsonl(instances)

    def one(entry: dict[str, Any]) -> Measured:
        project = work / entry["instance_id"]
        shutil.copytree(instances.parent / entry["path"], project,
                        ignore=shutil.ignore_patterns(".homeostasis"))
        test = ["--test", entry["test_cmd"]] if entry.get("test_cmd") else []
        start = time.monotonic()
        subprocess.run([*CLI, "fix", str(project), "--yes", "--jobs", "1", "--enough", "1",
                        "--timeout", "120", "--python", sys.executable, *test],
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.monotonic() - start
        runs = sorted((project / ".homeostasis" / "runs").glob("*/run.json"))
        run_dir = runs[-1].parent if runs else project
        return Measured(entry["instance_id"], wall,
                        len(_read_jsonl(run_dir / "candidates.jsonl")),
                        _read_jsonl(run_dir / "trials.jsonl"))

    cpu, start = _cpu_of_children(), time.monotonic()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        measured = list(pool.map(one, entries))
    return measured, time.monotonic() - start, _cpu_of_children() - cpu


def _median(values: list[float], scale: float = 1.0) -> str:
    return f"{statistics.median(values) * scale:.0f}" if values else "-"


def report(title: str, measured: list[Measured], wall: float, cpu: float,
           say: Callable[[str], None] = print) -> None:
    say(f"\n{title}: {len(measured)} instance(s) in {wall:.1f} s\n")
    say("| instance | wall | candidates | wall per candidate | trial (median) | "
        "trial overhead (median) | outside trials |")
    say("|---|---:|---:|---:|---:|---:|---:|")
    for m in measured:
        say(f"| {m.instance_id} | {m.wall:.1f} s | {m.candidates} | "
            f"{m.per_candidate * 1000:.0f} ms | "
            f"{_median([t['duration'] for t in m.trials], 1000)} ms | "
            f"{_median([_overhead(t) for t in m.trials], 1000)} ms | "
            f"{m.outside_trials:.1f} s |")
    total = sum(m.candidates for m in measured) or 1
    trials = [t for m in measured for t in m.trials]
    say(f"| **all** | {sum(m.wall for m in measured):.1f} s | {total} | "
        f"**{sum(m.wall for m in measured) / total * 1000:.0f} ms** | "
        f"{_median([t['duration'] for t in trials], 1000)} ms | "
        f"**{_median([_overhead(t) for t in trials], 1000)} ms** | "
        f"{sum(m.outside_trials for m in measured):.1f} s |")
    say(f"\nCPU time of everything it started: {cpu:.1f} s, {cpu / total * 1000:.0f} ms per "
        "candidate")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instances", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fix", action="store_true",
                        help="also repair the same instances with `homeostasis fix`")
    parser.add_argument("--out", type=Path, help="keep the eval's output here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eval-speed-") as tmp:
        out = args.out or Path(tmp) / "eval-out"
        report("homeostasis eval", *run_eval(args.instances.resolve(), args.workers, out))
        if args.fix:
            (Path(tmp) / "fix").mkdir()
            report("homeostasis fix", *run_fix(args.instances.resolve(), args.workers,
                                               Path(tmp) / "fix"))


if __name__ == "__main__":
    main()
