"""Running one eval instance in a worker process of its own, and stopping workers.

:func:`run_worker` starts ``python -m homeostasis.evals.worker`` for an instance, in its own
session and its own temp folder (its ``TMPDIR``, where its sandboxes are made too), and waits
up to the per-instance deadline. At the deadline, or when the eval stops (Ctrl-C, or a Ray task
cancelled), the worker gets SIGTERM and a grace period to close its sandboxes (they run the
project's code in sessions of their own, which killing the worker's group would miss), then
its group is killed and the temp folder removed, so nothing is left either way. A worker also
gets SIGTERM from the kernel when the process that started it dies outright
(:func:`~homeostasis.tools.sandbox.processes.die_with`). Both executors use it: the process
pool on this machine, and each Ray task on its node.
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
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from homeostasis.core.config import Settings
from homeostasis.core.records import from_json
from homeostasis.evals.instances import Instance, instance_to_json
from homeostasis.evals.results import EvalResult
from homeostasis.tools.sandbox.processes import kill_group

#: Seconds a worker has to close its sandboxes after SIGTERM before its group is killed.
STOP_GRACE = 10.0


def stop(procs: Sequence[subprocess.Popen[bytes]]) -> None:
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


class Workers:
    """The worker processes in flight, so that stopping the eval can stop them all."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.procs: set[subprocess.Popen[bytes]] = set()
        self.stopped = False

    def stop_all(self) -> None:
        with self.lock:
            self.stopped = True
            procs = list(self.procs)
        stop(procs)


def run_worker(
    instance: Instance, settings: Settings, runs_dir: Path, deadline: float, workers: Workers,
    proposer: str | None,
) -> EvalResult:
    """Repair and grade ``instance`` in a worker process (see the module docstring); its run
    records are kept in ``runs_dir/<instance_id>``. Every ending is a result."""
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"homeostasis-eval-{instance.instance_id}-",
                                     ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        (work / "tmp").mkdir()
        job = {"instance": instance_to_json(instance), "settings": asdict(settings),
               "work": str(work), "runs_dir": str(runs_dir), "proposer": proposer,
               "parent": os.getpid()}
        (work / "job.json").write_text(json.dumps(job), encoding="utf-8")
        result_path = work / "result.json"
        log = (work / "worker.log").open("wb")
        with workers.lock:
            if workers.stopped:
                log.close()
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
            stop([proc])
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
