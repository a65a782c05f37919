"""Wall time of ``homeostasis eval`` on the process pool and on Ray, on the same instances.

    python benchmarks/eval_executors.py INSTANCES.jsonl [--workers N] [--out DIR]

It runs the real ``homeostasis eval`` twice, with ``--executor pool`` and with ``--executor
ray`` (a local Ray started by the eval, ``--workers`` CPUs), ``--workers`` at a time (2 by
default), and prints a Markdown table: wall time in all (Ray's start and stop included), per
instance, the outcome counts, and whether every instance had the same outcome on both. Ray
processes advertise only loopback (``RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

CLI = [sys.executable, "-c", "import sys; from homeostasis.cli import main; sys.exit(main())"]
EXECUTORS = ("pool", "ray")


def run(instances: Path, executor: str, workers: int, out: Path) -> tuple[float, dict[str, str]]:
    """The eval's wall time, and each instance's outcome."""
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}
    start = time.monotonic()
    subprocess.run([*CLI, "eval", str(instances), "--executor", executor, "--workers",
                    str(workers), "--out", str(out)], check=True, stdout=subprocess.DEVNULL,
                   env=env)
    wall = time.monotonic() - start
    results = [json.loads(line) for line in
               (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    return wall, {r["instance_id"]: r["status"] for r in results}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("instances", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None,
                        help="where the two evals' output folders go (a temp folder)")
    args = parser.parse_args()
    base = args.out or Path(tempfile.mkdtemp(prefix="eval-executors-"))
    measured = {e: run(args.instances.resolve(), e, args.workers, base / e) for e in EXECUTORS}
    n = len(measured["pool"][1])
    print(f"{n} instances from {args.instances}, {args.workers} at a time, "
          f"{os.cpu_count()} CPUs\n")
    print("| executor | wall time | per instance | correct | plausible | unfixed | error |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for executor, (wall, outcomes) in measured.items():
        counts = Counter(outcomes.values())
        print(f"| {executor} | {wall:.0f} s | {wall / n:.1f} s | {counts['correct']} | "
              f"{counts['plausible']} | {counts['unfixed']} | {counts['error']} |")
    same = measured["pool"][1] == measured["ray"][1]
    differ = sorted(i for i, s in measured["pool"][1].items() if measured["ray"][1].get(i) != s)
    print(f"\nSame outcome for every instance: {'yes' if same else 'no: ' + ', '.join(differ)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
