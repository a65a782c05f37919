"""The ``homeostasis eval`` subcommand: arguments, progress lines, and the closing table."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from pathlib import Path

from homeostasis.core.config import Settings, load_settings, positive
from homeostasis.evals.harness import run_eval
from homeostasis.evals.instances import load_instances
from homeostasis.evals.results import EvalResult
from homeostasis.evals.summary import render_markdown, summarize, write_plot


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ev = sub.add_parser("eval", help="measure repair on a set of bug instances (JSONL)")
    ev.add_argument("instances", metavar="INSTANCES.jsonl", help="one instance per line")
    ev.add_argument("--out", metavar="DIR", default="eval-out",
                    help="where results.jsonl, summary.md and the plot go (eval-out)")
    ev.add_argument("--workers", type=int, default=2, metavar="N",
                    help="instances repaired at once (2)")
    ev.add_argument("--resume", action="store_true",
                    help="skip instances already in DIR/results.jsonl")
    ev.add_argument("--model", metavar="SPEC", help="model backend (default: offline engine)")
    ev.add_argument("--proposer", metavar="NAME", help="proposer name or dotted path")
    ev.add_argument("--sandbox", choices=("local", "docker"), default="local",
                    help="where candidates, and the grading runs, run (local)")
    ev.add_argument("--jobs", type=int, metavar="N", default=1,
                    help="candidates tried at once within an instance (1)")
    ev.add_argument("--timeout", type=float, metavar="S", default=120.0,
                    help="seconds one test-suite run may take (120)")
    ev.add_argument("--test-timeout", type=float, metavar="S",
                    help="seconds one test may take before it is stopped as hanging (30)")
    ev.add_argument("--candidates", type=int, metavar="N", help="most candidates per instance")
    ev.add_argument("--time-budget", type=float, metavar="S",
                    help="seconds the offline engine may spend on one instance (60)")
    ev.add_argument("--enough", type=int, metavar="N", default=1,
                    help="stop an instance once this many candidates are plausible; above 1, "
                         "alternatives to the first fix are searched for and ranked, as "
                         "`homeostasis fix` does by default (1)")
    ev.add_argument("--instance-timeout", type=float, metavar="S", default=900.0,
                    help="seconds one instance may take in all (900)")
    ev.add_argument("--executor", choices=("pool", "ray"),
                    help="where instances run: pool, worker processes on this machine; ray, "
                         "tasks on a Ray cluster (pool)")
    ev.add_argument("--address", metavar="ADDRESS",
                    help="the Ray cluster for --executor ray (default: $RAY_ADDRESS, else a "
                         "local Ray started for the eval with --workers CPUs)")


#: What ``[tool.homeostasis]`` in the folder ``eval`` starts in may set: where it runs.
EVAL_FILE_KEYS = ("executor", "ray_address")


def eval_settings(args: argparse.Namespace, environ: Mapping[str, str],
                  cwd: Path | None = None) -> Settings:
    """The settings every instance is repaired with: the flags, then ``HOMEOSTASIS_*``
    variables, then the defaults. Of a project file (``cwd``'s pyproject.toml) only where the
    eval runs is read (:data:`EVAL_FILE_KEYS`): each instance is its own project."""
    flags = {"model": args.model, "jobs": args.jobs, "timeout": args.timeout,
             "test_timeout": args.test_timeout, "time_budget": args.time_budget,
             "candidates": args.candidates, "enough": args.enough, "sandbox": args.sandbox,
             "executor": getattr(args, "executor", None),
             "ray_address": getattr(args, "address", None)}
    return load_settings(cwd, environ, flags, file_keys=EVAL_FILE_KEYS)


def run(args: argparse.Namespace) -> int:
    instances_path = Path(args.instances)
    instances = load_instances(instances_path)
    workers = positive("workers", args.workers, "int", "command line")
    instance_timeout = positive("instance_timeout", args.instance_timeout, "float",
                                "command line")
    settings = eval_settings(args, os.environ, Path.cwd())
    _check_backends(settings, args.proposer)
    address = settings.ray_address or os.environ.get("RAY_ADDRESS") or None
    if settings.executor == "ray":
        from homeostasis.evals.ray_executor import import_ray

        import_ray()  # missing: one line saying how to install it, before anything runs
        where = f"Ray at {address}" if address else f"a local Ray with {workers} CPU(s)"
    else:
        where = f"{workers} worker(s)"
    out = Path(args.out)
    print(f"Evaluating {len(instances)} instance(s) from {instances_path} on {where}; "
          f"results in {out}/", flush=True)

    def progress(result: EvalResult, done: int, total: int) -> None:
        why = f": {result.reason[:100]}" if result.status == "error" else ""
        print(f"  [{done}/{total}] {result.status:<9} {result.instance_id} "
              f"({result.wall_time:.1f}s){why}", flush=True)

    results = run_eval(instances, out, settings, workers=workers, resume=args.resume,
                       instance_timeout=instance_timeout, proposer=args.proposer,
                       progress=progress, ray_address=address)
    summary = summarize(results)
    text = render_markdown(summary, f"Eval of {instances_path.name}")
    (out / "summary.md").write_text(text, encoding="utf-8")
    plotted = write_plot(summary, out / "outcomes.png")
    print()
    print(text)
    print(f"Wrote {out / 'results.jsonl'}, {out / 'predictions.jsonl'}, {out / 'summary.md'}"
          + (f", {out / 'outcomes.png'}" if plotted else " (no plot: matplotlib not installed)"))
    return 0


def _check_backends(settings: Settings, proposer: str | None) -> None:
    """Build the model, proposer and sandbox the eval names once, and let them go: a bad name
    or a missing engine is then one clear error now rather than one per instance."""
    if settings.model or proposer:
        # imported here: the search loads every proposer, which `homeostasis --help` never needs
        from homeostasis.search import make_search

        search = make_search(settings, lambda _text: None, proposer)
        if search.stack is not None:
            search.stack.close()
    if settings.sandbox == "docker":
        # imported here: the docker SDK is slow to import and only a Docker eval needs it
        from homeostasis.tools.sandbox.choose import limits_of
        from homeostasis.tools.sandbox.docker.sandbox import DockerSandbox

        DockerSandbox(limits=limits_of(settings), containers=1).close()
