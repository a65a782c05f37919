"""``homeostasis eval``: run the healing loop on many instances in parallel, resumably.

Each instance runs in a worker process of its own (:mod:`homeostasis.evals.worker`), in its
own session and its own temp folder (its ``TMPDIR``, where its sandboxes are made too). At the
per-instance deadline, or on Ctrl-C, the worker gets SIGTERM and a grace period to close its
sandboxes (they run the project's code in sessions of their own, which killing the worker's
group would miss), then its group is killed and the temp folder removed, so nothing is left
either way. Its result is appended to ``OUT/results.jsonl`` the moment it is known;
``OUT/args.json`` records how the eval was run.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict
from pathlib import Path

from homeostasis.core.config import Settings
from homeostasis.core.errors import UsageError
from homeostasis.core.records import from_json
from homeostasis.evals.instances import Instance, instance_to_json
from homeostasis.evals.results import EvalResult, append_result, drop_torn_line, read_results
from homeostasis.tools.sandbox.processes import kill_group

#: Seconds a worker has to close its sandboxes after SIGTERM before its group is killed.
STOP_GRACE = 10.0


def _stop(procs: Sequence[subprocess.Popen[bytes]]) -> None:
    """End worker processes: SIGTERM, up to :data:`STOP_GRACE` seconds to exit, then SIGKILL
    to what is left of each group. A worker that already exited is only reaped."""
    for proc in procs:
        with contextlib.suppress(ProcessLookupError):
            proc.terminate()
    deadline = time.monotonic() + STOP_GRACE
    for proc in procs:
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=max(0.0, deadline - time.monotonic()))
        kill_group(proc)


class _Workers:
    """The worker processes in flight, so Ctrl-C can stop them all."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.procs: set[subprocess.Popen[bytes]] = set()
        self.stopped = False

    def stop_all(self) -> None:
        with self.lock:
            self.stopped = True
            procs = list(self.procs)
        _stop(procs)


def _run_one(
    instance: Instance, settings: Settings, out: Path, deadline: float, workers: _Workers,
    proposer: str | None,
) -> EvalResult:
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"homeostasis-eval-{instance.instance_id}-",
                                     ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        (work / "tmp").mkdir()
        job = {"instance": instance_to_json(instance), "settings": asdict(settings),
               "work": str(work), "runs_dir": str(out / "runs"), "proposer": proposer}
        (work / "job.json").write_text(json.dumps(job), encoding="utf-8")
        result_path = work / "result.json"
        log = (work / "worker.log").open("wb")
        with workers.lock:
            if workers.stopped:
                return EvalResult(instance.instance_id, "error", "interrupted",
                                  instance.category)
            proc = subprocess.Popen(
                [sys.executable, "-m", "homeostasis.evals.worker", str(work / "job.json"),
                 str(result_path)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True, env={**os.environ, "TMPDIR": str(work / "tmp")},
            )
            workers.procs.add(proc)
        try:
            proc.wait(timeout=deadline)
            timed_out = False
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            _stop([proc])
            with workers.lock:
                workers.procs.discard(proc)
            log.close()
        elapsed = round(time.monotonic() - start, 3)
        if timed_out:
            return EvalResult(instance.instance_id, "error",
                              f"instance timed out after {deadline:g}s", instance.category,
                              wall_time=elapsed)
        if not result_path.is_file():
            tail = (work / "worker.log").read_text(encoding="utf-8", errors="replace")[-500:]
            return EvalResult(instance.instance_id, "error",
                              f"worker died (exit {proc.returncode}): {tail.strip()}",
                              instance.category, wall_time=elapsed)
        return from_json(EvalResult, json.loads(result_path.read_text(encoding="utf-8")))


def run_eval(
    instances: Sequence[Instance],
    out: Path,
    settings: Settings,
    workers: int = 2,
    resume: bool = False,
    instance_timeout: float = 900.0,
    proposer: str | None = None,
    progress: Callable[[EvalResult, int, int], None] | None = None,
) -> list[EvalResult]:
    """Run every instance not already in ``out/results.jsonl`` (with ``resume``) and return
    all results, earlier ones included, in instance order."""
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
    done = {r.instance_id for r in earlier}
    todo = [i for i in instances if i.instance_id not in done]
    (out / "args.json").write_text(json.dumps({
        "settings": asdict(settings), "workers": workers, "instance_timeout": instance_timeout,
        "proposer": proposer, "instances": len(instances), "resumed_with": len(done),
    }, indent=2) + "\n", encoding="utf-8")
    pool_workers = _Workers()
    finished: dict[str, EvalResult] = {r.instance_id: r for r in earlier}
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="eval")
    try:
        futures = [pool.submit(_run_one, i, settings, out, instance_timeout, pool_workers,
                               proposer) for i in todo]
        for future in as_completed(futures):
            result = future.result()
            if pool_workers.stopped:
                break
            append_result(results_path, result)
            finished[result.instance_id] = result
            if progress:
                progress(result, len(finished), len(instances))
    except BaseException:
        pool_workers.stop_all()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return [finished[i.instance_id] for i in instances if i.instance_id in finished]
