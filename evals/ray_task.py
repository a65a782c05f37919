"""What one Ray task does on its node: unpack the instance's files, repair and grade it in a
worker process (:func:`~homeostasis.evals.pool.run_worker`, as the process pool does), and
pack the run's records to send back. Ray itself is not imported here: the driver wraps
:func:`run_task` with the resources it declares (:mod:`homeostasis.evals.ray_executor`).

When Ray cancels the task, a ``KeyboardInterrupt`` is raised in it: the worker process is
stopped (SIGTERM, then its group killed) before the task ends. When the Ray worker process is
killed outright, the kernel sends the worker process SIGTERM
(:func:`~homeostasis.tools.sandbox.processes.die_with`), so it closes its sandboxes and exits.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from homeostasis.core.config import Settings
from homeostasis.core.records import to_json
from homeostasis.evals.archive import pack, unpack
from homeostasis.evals.instances import Instance, instance_to_json, parse_instance
from homeostasis.evals.pool import Workers, run_worker

#: The names an instance's folders have inside the pack that travels with its task.
PROJECT, HIDDEN = "project", "hidden"


def task_inputs(instance: Instance) -> tuple[dict[str, Any], bytes]:
    """The instance as its task reads it (paths inside the pack), and the pack itself."""
    folders = {PROJECT: instance.path}
    if instance.hidden_tests is not None:
        folders[HIDDEN] = instance.hidden_tests
    job = {**instance_to_json(instance), "path": PROJECT,
           "hidden_tests": HIDDEN if instance.hidden_tests is not None else None}
    return job, pack(folders)


def run_task(job: dict[str, Any], files: bytes, settings: dict[str, Any], deadline: float,
             proposer: str | None) -> dict[str, Any]:
    """Repair and grade the instance ``job`` names, its files from ``files``; returns the
    result (as JSON) and the run's records (a pack, empty when the run kept none)."""
    with tempfile.TemporaryDirectory(prefix="homeostasis-ray-",
                                     ignore_cleanup_errors=True) as tmp:
        inputs = Path(tmp) / "inputs"
        unpack(files, inputs)
        instance = parse_instance(job, inputs, str(job.get("instance_id")))
        runs = Path(tmp) / "runs"
        result = run_worker(instance, Settings(**settings), runs, deadline, Workers(), proposer)
        kept = runs / instance.instance_id
        records = pack({instance.instance_id: kept}) if kept.is_dir() else b""
    return {"result": to_json(result), "records": records}
