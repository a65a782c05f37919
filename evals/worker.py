"""Run one eval instance end to end, in a process of its own:

    python -m homeostasis.evals.worker JOB.json RESULT.json

JOB.json holds the instance (absolute paths), the settings, the work folder and the folder to
keep the run records in. The worker copies the project, applies the instance's ``test_patch``
(if any; its files are then read-only to candidates), runs the healing loop with ``--yes`` on
the copy, checks the instance was sound by the loop's own baseline run (its FAIL_TO_PASS
tests failed before repair: no separate run is spent on it), grades what was applied, and writes one
:class:`EvalResult` as JSON to RESULT.json. Any failure becomes an ``error`` result; the
project given is never modified.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from homeostasis.core.config import Settings
from homeostasis.core.errors import HomeostasisError, Interrupted, signals_as_interrupts
from homeostasis.core.records import TestRun, from_json, to_json
from homeostasis.evals.grade import grade, unsound
from homeostasis.evals.instances import Instance, parse_instance
from homeostasis.evals.results import EvalResult
from homeostasis.evals.test_patch import apply_test_patch
from homeostasis.loop import Decision, Guidance, heal
from homeostasis.search import make_search
from homeostasis.tools.sandbox.processes import die_with
from homeostasis.ui import Console


def _usage(run_dir: Path) -> tuple[int, int, float]:
    """(candidates, tokens, dollars) of a run: the candidates in candidates.jsonl, the model's
    spending from usage.json (every call, also those whose replies were unusable)."""
    path = run_dir / "candidates.jsonl"
    count = len(path.read_text(encoding="utf-8").splitlines()) if path.is_file() else 0
    usage_file = run_dir / "usage.json"
    if not usage_file.is_file():
        return count, 0, 0.0
    usage = json.loads(usage_file.read_text(encoding="utf-8"))
    tokens = int(usage.get("input_tokens", 0)) + int(usage.get("output_tokens", 0))
    return count, tokens, float(usage.get("dollars", 0.0))


def run_instance(
    instance: Instance, settings: Settings, work: Path, runs_dir: Path,
    proposer: str | None = None,
) -> EvalResult:
    """Repair and grade one instance; see the module docstring."""
    start = time.monotonic()
    project = work / "project"

    def result(status: str, reason: str, **kw: Any) -> EvalResult:
        return EvalResult(instance.instance_id, status, reason,  # type: ignore[arg-type]
                          instance.category, wall_time=round(time.monotonic() - start, 3), **kw)

    if not instance.path.is_dir():
        return result("error", f"project folder not found: {instance.path}")
    shutil.copytree(instance.path, project, symlinks=True,
                    ignore=shutil.ignore_patterns(".homeostasis"))
    try:
        patched = apply_test_patch(project, instance.test_patch) if instance.test_patch else ()
    except HomeostasisError as exc:
        return result("error", f"broken instance: {exc}")
    # ``python`` in an instance's command is the interpreter the eval runs on, whichever
    # ``python`` comes first on the PATH of the shell that started it (grading reads it so too)
    settings = Settings(**{**to_json(settings), "test": instance.test_cmd or settings.test,
                           "python": settings.python or sys.executable,
                           "protected": ",".join(patched) or settings.protected})
    log = io.StringIO()
    try:
        search = make_search(settings, lambda text: print(f"note: {text}", file=log), proposer)
        try:
            run = heal(project, settings, Console(out=log), Decision("apply"), search,
                       guidance=Guidance(issue=instance.problem_statement))
        finally:
            if search.stack is not None:
                search.stack.close()
    except HomeostasisError as exc:
        return result("error", f"{type(exc).__name__}: {exc}")
    kept = runs_dir / instance.instance_id
    shutil.rmtree(kept, ignore_errors=True)
    shutil.copytree(run.run_dir, kept)
    (kept / "console.log").write_text(log.getvalue(), encoding="utf-8")
    tried, tokens, dollars = _usage(kept)
    plausible = len(run.ranking.ranked) if run.ranking else 0
    common: dict[str, Any] = dict(candidates_tried=tried, candidates_plausible=plausible,
                                  tokens=tokens, dollars=round(dollars, 6), run_dir=str(kept))
    baseline = from_json(TestRun, json.loads((kept / "failure.json").read_text("utf-8")))
    broken = unsound(baseline, instance)
    if broken:
        return result("error", f"broken instance: {broken}", **common)
    if run.outcome.status != "applied":
        return result("unfixed", run.outcome.detail, **common)
    diff = (kept / "winner.diff").read_text(encoding="utf-8")
    status, reason = grade(project, instance, settings.timeout, settings)
    return result(status, reason, diff=diff, **common)


def main(argv: list[str]) -> int:
    """Run the job ``argv[0]`` and write its result to ``argv[1]``. On SIGTERM (the harness
    stopping it) the run unwinds, closing its sandboxes, and no result is written."""
    job_path, result_path = Path(argv[0]), Path(argv[1])
    job = json.loads(job_path.read_text(encoding="utf-8"))
    if job.get("parent"):
        die_with(int(job["parent"]))
    instance = parse_instance(job["instance"], Path("/"), job["instance"]["instance_id"])
    try:
        with signals_as_interrupts():
            res = run_instance(instance, Settings(**job["settings"]), Path(job["work"]),
                               Path(job["runs_dir"]), job.get("proposer"))
    except Interrupted as exc:
        return exc.exit_code
    except Exception as exc:  # a crash of the loop is a result, not the end of the eval
        res = EvalResult(instance.instance_id, "error",
                         f"internal error: {type(exc).__name__}: {exc}", instance.category)
        (Path(job["work"]) / "crash.log").write_text(traceback.format_exc(), encoding="utf-8")
    result_path.write_text(json.dumps(to_json(res)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
