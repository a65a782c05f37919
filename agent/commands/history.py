"""``homeostasis runs`` (a project's runs: id, when, outcome, files, cost) and ``homeostasis
show RUN_ID`` (a run's report and its diff); both take ``--json``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_parsers(sub: Any) -> None:
    runs = sub.add_parser("runs", help="list the runs of a project, newest first")
    runs.add_argument("path", nargs="?", default=".", help="project root (default: .)")
    runs.add_argument("--json", action="store_true", help="print them as JSON")
    show = sub.add_parser("show", help="print a run's report and its diff")
    show.add_argument("run_id", metavar="RUN_ID", help="a run id, or the start of one")
    show.add_argument("path", nargs="?", default=".", help="project root (default: .)")
    show.add_argument("--json", action="store_true", help="print it as JSON")


def run(args: argparse.Namespace) -> int:
    # Here, not at the top: the parser is built for every command (a fast --help).
    from homeostasis.commands.output import emit
    from homeostasis.loop import find_root
    from homeostasis.runs.history import format_runs, list_runs, load_run

    root = find_root(Path(args.path))
    if args.command == "runs":
        found = list_runs(root)
        if args.json:
            emit("runs", {"project": str(root), "runs": found})
        else:
            print(format_runs(found))
        return 0
    details = load_run(root, args.run_id)
    if args.json:
        emit("show", {"run": details.summary, "folder": str(details.folder),
                      "report": details.report, "diff": details.diff})
        return 0
    print(details.report.rstrip("\n") or f"# Homeostasis run {details.summary.run_id}\n\n"
          f"**Outcome:** {details.summary.status} — {details.summary.detail}")
    if details.summary.hints:
        print("\nHints: " + "; ".join(details.summary.hints))
    if details.diff and details.diff.strip() not in details.report:
        print("\n" + details.diff.rstrip("\n"))
    print(f"\nRecords: {details.folder}")
    return 0
