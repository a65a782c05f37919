"""``homeostasis eval --executor ray``: each instance a Ray task, results streamed back.

With no address, a local Ray is started for the eval (``--workers`` CPUs, each instance
taking ``jobs`` of them) and shut down after it; with one (``--address``, ``ray_address`` in
``[tool.homeostasis]``, or ``$RAY_ADDRESS``) the eval runs on that cluster and leaves it
running (a local Ray is also ended by :mod:`homeostasis.evals.ray_reaper` when the driver is
killed outright). Each task declares its resources (``jobs`` CPUs and that many sandboxes' memory),
carries the instance's files with it (:mod:`homeostasis.evals.archive`: no shared file system
is assumed), and repairs the instance with its node's own sandbox
(:mod:`homeostasis.evals.ray_task`). Homeostasis must be installed on every node.

Only so many tasks are in flight at once (twice what the cluster can run), so the object
store holds a bounded number of projects. A task whose worker process or node dies is run
again by Ray up to ``retries`` times, then recorded as ``error`` with Ray's reason; every
instance gets exactly one result, from this driver alone. Ctrl-C cancels every task (each
stops its worker process and sandboxes) and waits for them to end before Ray is shut down.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from homeostasis.core.config import Settings
from homeostasis.core.errors import UsageError
from homeostasis.core.records import from_json
from homeostasis.evals.archive import unpack
from homeostasis.evals.instances import Instance
from homeostasis.evals.pool import STOP_GRACE
from homeostasis.evals.ray_reaper import start_reaper, stop_reaper
from homeostasis.evals.ray_task import run_task, task_inputs
from homeostasis.evals.results import EvalResult

#: A task is given this much memory per sandbox it may run at once, besides its own.
_MIB = 1024 * 1024
#: Seconds cancelled tasks get to stop their workers before Ray is shut down anyway.
_CANCEL_WAIT = STOP_GRACE + 10.0


def import_ray() -> Any:
    """The ``ray`` module; a :class:`UsageError` saying how to install it when it is missing."""
    try:
        import ray
    except ImportError:
        raise UsageError("--executor ray needs Ray, which is not installed",
                         "pip install 'ray>=2.40', or Homeostasis with its [ray] extra"
                         ) from None
    return ray


def run_on_ray(
    todo: Sequence[Instance], settings: Settings, out: Path, deadline: float,
    proposer: str | None, record: Callable[[EvalResult], None], *, address: str | None,
    cpus: int, retries: int,
) -> None:
    """Run ``todo`` as Ray tasks, calling ``record`` with each result as it comes in (see the
    module docstring)."""
    ray = import_ray()
    # Ray otherwise advertises this machine's interface address, not loopback.
    os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    options: dict[str, Any] = {"address": address, "include_dashboard": False,
                               "log_to_driver": False, "logging_level": logging.ERROR}
    reaper = None
    if address is None:
        options.update(address="local", num_cpus=cpus * settings.jobs)
        reaper = start_reaper()
    try:
        try:
            ray.init(**options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise UsageError(f"cannot start or reach Ray at {address or 'a local Ray'}: "
                             f"{exc}", "check the address (`ray status` on the head node "
                             "shows it)") from None
        try:
            _run(ray, todo, settings, out, deadline, proposer, record, retries)
        finally:
            ray.shutdown()  # a local Ray is stopped; a cluster is only left
    finally:
        if reaper is not None:
            stop_reaper(reaper)


def _run(ray: Any, todo: Sequence[Instance], settings: Settings, out: Path, deadline: float,
         proposer: str | None, record: Callable[[EvalResult], None], retries: int) -> None:
    task = ray.remote(run_task).options(
        num_cpus=settings.jobs, memory=settings.memory_mb * _MIB * settings.jobs,
        max_retries=retries, retry_exceptions=False, name="homeostasis-eval")
    slots = max(2, 2 * int(ray.cluster_resources().get("CPU", 1)) // settings.jobs)
    queue = deque(todo)
    pending: dict[Any, Instance] = {}
    try:
        while queue or pending:
            while queue and len(pending) < slots:
                instance = queue.popleft()
                job, files = task_inputs(instance)
                ref = task.remote(job, files, asdict(settings), deadline, proposer)
                pending[ref] = instance
            ready, _ = ray.wait(list(pending), num_returns=1)
            for ref in ready:
                record(_collect(ray, ref, pending.pop(ref), out, retries))
    except BaseException:
        for ref in pending:
            ray.cancel(ref)  # a KeyboardInterrupt in the task: it stops its worker
        if pending:
            ray.wait(list(pending), num_returns=len(pending), timeout=_CANCEL_WAIT)
        raise


def _collect(ray: Any, ref: Any, instance: Instance, out: Path, retries: int) -> EvalResult:
    """The result of one finished task, its records unpacked under ``out/runs``; a task Ray
    gave up on is an ``error`` result with Ray's reason."""
    try:
        done = ray.get(ref)
    except ray.exceptions.RayError as exc:
        said = " ".join(str(exc).split())[:300]
        return EvalResult(instance.instance_id, "error",
                          f"Ray task failed after {retries} retries: {type(exc).__name__}: "
                          f"{said}", instance.category)
    result = from_json(EvalResult, done["result"])
    if not done["records"]:
        return replace(result, run_dir="")
    runs = out / "runs"
    shutil.rmtree(runs / instance.instance_id, ignore_errors=True)  # an earlier attempt's
    unpack(done["records"], runs)
    return replace(result, run_dir=str(runs / instance.instance_id))
