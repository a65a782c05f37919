"""``homeostasis eval``: run the healing loop on many instances in parallel, resumably.

Instances run on one of two executors: ``pool`` (the default), worker processes on this
machine, ``workers`` at a time (:mod:`homeostasis.evals.pool`); or ``ray``, each instance a
task on a Ray cluster (:mod:`homeostasis.evals.ray_executor`). Either way, each result is
appended to ``OUT/results.jsonl`` the moment it is known (and pushed to disk), with its patch
in ``OUT/predictions.jsonl`` (:mod:`homeostasis.evals.predictions`); ``OUT/args.json``
records how the eval was run. With ``resume``, instances already in ``results.jsonl`` are
skipped, so a killed eval loses only the instances in flight.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict
from pathlib import Path

from homeostasis.core.config import Settings
from homeostasis.core.errors import UsageError
from homeostasis.evals.instances import Instance
from homeostasis.evals.pool import Workers, run_worker
from homeostasis.evals.predictions import (
    FILE,
    append_prediction,
    model_name,
    write_predictions,
)
from homeostasis.evals.results import EvalResult, append_result, drop_torn_line, read_results

#: How many times Ray runs a task again whose worker process or node died.
RAY_RETRIES = 2


def run_eval(
    instances: Sequence[Instance],
    out: Path,
    settings: Settings,
    workers: int = 2,
    resume: bool = False,
    instance_timeout: float = 900.0,
    proposer: str | None = None,
    progress: Callable[[EvalResult, int, int], None] | None = None,
    ray_address: str | None = None,
    retries: int = RAY_RETRIES,
) -> list[EvalResult]:
    """Run every instance not already in ``out/results.jsonl`` (with ``resume``) on the
    executor ``settings`` name, and return all results, earlier ones included, in instance
    order. ``ray_address`` is the Ray cluster to use (None: a local Ray, ``workers`` CPUs)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot use {out} as the output folder: {exc.strerror}",
                         "choose another --out") from None
    results_path = out / "results.jsonl"
    earlier = read_results(results_path)
    if earlier and not resume:
        raise UsageError(f"{results_path} already holds {len(earlier)} result(s)",
                         "pass --resume to continue that eval, or choose another --out")
    drop_torn_line(results_path)
    model = model_name(settings, proposer)
    write_predictions(out / FILE, earlier, model)
    done = {r.instance_id for r in earlier}
    todo = [i for i in instances if i.instance_id not in done]
    (out / "args.json").write_text(json.dumps({
        "settings": asdict(settings), "workers": workers, "instance_timeout": instance_timeout,
        "proposer": proposer, "instances": len(instances), "resumed_with": len(done),
        "executor": settings.executor, "ray_address": ray_address,
    }, indent=2) + "\n", encoding="utf-8")
    finished: dict[str, EvalResult] = {r.instance_id: r for r in earlier}

    def record(result: EvalResult) -> None:
        append_result(results_path, result)
        append_prediction(out / FILE, result, model)
        finished[result.instance_id] = result
        if progress:
            progress(result, len(finished), len(instances))

    if settings.executor == "ray":
        from homeostasis.evals.ray_executor import run_on_ray  # Ray is an optional extra

        run_on_ray(todo, settings, out, instance_timeout, proposer, record,
                   address=ray_address, cpus=workers, retries=retries)
    else:
        _run_in_pool(todo, settings, out, instance_timeout, proposer, workers, record)
    return [finished[i.instance_id] for i in instances if i.instance_id in finished]


def _run_in_pool(todo: Sequence[Instance], settings: Settings, out: Path, deadline: float,
                 proposer: str | None, workers: int,
                 record: Callable[[EvalResult], None]) -> None:
    """Run ``todo`` in worker processes on this machine, ``workers`` at a time; on Ctrl-C
    every worker is stopped before the interrupt goes on."""
    in_flight = Workers()
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="eval")
    try:
        futures = [pool.submit(run_worker, i, settings, out / "runs", deadline, in_flight,
                               proposer) for i in todo]
        for future in as_completed(futures):
            result = future.result()
            if in_flight.stopped:
                break
            record(result)
    except BaseException:
        in_flight.stop_all()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
