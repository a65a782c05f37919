"""The healing loop: observe → diagnose → propose → trial → judge → deploy.

``heal()`` reads like the cycle it runs. Each stage is a function in its own module; this one
only wires them together, writes the records as it goes, and tells the user what is happening.
Nothing in the user's tree changes before :func:`deploy`.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from homeostasis.core.config import Settings
from homeostasis.core.edits import apply_edits
from homeostasis.core.errors import ProjectError, UsageError
from homeostasis.core.records import (
    Candidate,
    Flaky,
    Outcome,
    Ranking,
    Suspect,
    TestRun,
    Trial,
)
from homeostasis.core.redaction import without_credentials
from homeostasis.propose.base import Proposer, RepairTask
from homeostasis.runs.log import RunLog
from homeostasis.runs.report import render_report
from homeostasis.search import Search, run_search
from homeostasis.tools.deploy.base import Deployer, Fix
from homeostasis.tools.deploy.worktree import WorktreeDeployer
from homeostasis.tools.diagnose.diagnosis import diagnose
from homeostasis.tools.judge.rank import rank
from homeostasis.tools.observe.baseline import observe
from homeostasis.tools.observe.deadlines import (
    candidate_deadline,
    measuring_deadline,
    time_without_hangs,
)
from homeostasis.tools.observe.interpreter import find_interpreter
from homeostasis.tools.observe.runner import TestCommand
from homeostasis.tools.observe.unittest_command import through_pytest
from homeostasis.tools.sandbox.choose import open_sandbox
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.trial.candidate import TrialPlan
from homeostasis.ui import Console

#: A candidate's test run may take five times the baseline (not counting its tests that hung),
#: and never less than this many seconds, plus one per-test deadline (a candidate's run stops
#: at its first hanging test): this deadline only ends what the per-test one cannot stop.
TRIAL_TIMEOUT_FLOOR = 5.0


@dataclass(frozen=True)
class RunResult:
    """How a run ended. ``baseline`` is the test run the repair started from (None when the
    run stopped before it); ``fix`` the chosen winner ready for a deployer, whether or not it
    was applied (None when no fix was chosen), for a caller that puts it elsewhere (a branch,
    a pull request)."""

    run_id: str
    run_dir: Path
    outcome: Outcome
    ranking: Ranking | None = None
    baseline: TestRun | None = None
    fix: Fix | None = None


@dataclass(frozen=True)
class Decision:
    """How the user wants the winner handled: ``apply`` (``--yes``), ``ask`` (a terminal),
    ``dry_run`` or ``report`` (no terminal and no ``--yes``: show, never apply)."""

    mode: str


def heal(
    root: Path, settings: Settings, console: Console, decision: Decision,
    proposer: Proposer | Search, extra_files: Mapping[str, str] | None = None,
    deployer: Deployer | None = None,
) -> RunResult:
    """Repair the failing tests of the project at ``root``; see the module docstring.
    ``extra_files`` are written into the run's snapshot only (a reproduction test), and an
    applied fix goes through ``deployer`` (default: the working tree's)."""
    root = check_project(root)
    python = find_interpreter(root, os.environ, settings.python)
    try:
        command = TestCommand.parse(settings.test, str(python.path), python.source_dirs)
    except ValueError as exc:  # unclosed quote, or nothing but spaces
        raise UsageError(f"cannot read the test command {settings.test!r}: {exc}") from None
    command = dataclasses.replace(
        _per_test(command, root, python.has_pytest or settings.sandbox != "local", console),
        test_timeout=settings.test_timeout)
    log = RunLog(root)
    recorded = dataclasses.asdict(settings)
    if settings.base_url:  # a proxy URL may carry a password
        recorded["base_url"] = without_credentials(settings.base_url)
    log.write_json("run.json", {"run_id": log.run_id, "settings": recorded,
                                "command": command.display()})
    with closing(open_sandbox(settings, root, console.say)) as sandbox:
        console.say(python.describe(root) if sandbox.name != "docker" else
                    "Testing with the sandbox image's Python, the project's declared "
                    "dependencies installed in it")
        console.stage(f"Snapshot of {root} taken; running `{command.display()}` in the "
                      f"{sandbox.name} sandbox")
        snapshot = Snapshot.take(root, sandbox.base / "snapshot", extra_files)
        baseline, measured = observe(sandbox, snapshot, command, settings.timeout)
        if measured != command:
            console.say(f"Per-test deadlines are off: `{command.display()}` cannot import "
                        "their plugin (does it clear PYTHONPATH?); a hanging test stops the "
                        f"whole run after {settings.timeout:g}s")
            command = measured
        log.write_json("failure.json", _slim(baseline))
        for flaky in baseline.flaky:
            console.say(f"  Left out: {flaky.describe()}")
        if not baseline.failing_ids:
            outcome = Outcome("nothing_to_fix", "Nothing to fix: " + (
                f"the only failing tests are flaky ({len(baseline.flaky)})" if baseline.flaky
                else f"all {baseline.collected} tests pass"))
            return _finish(log, console, outcome, None, flaky=baseline.flaky,
                           baseline=baseline)

        per_test = candidate_deadline(baseline, settings.test_timeout)
        console.stage("Diagnosing")
        suspects, context = diagnose(
            sandbox, snapshot, _deadline(command, measuring_deadline(per_test, settings)),
            baseline, settings, console)
        console.diagnosis(baseline, suspects)
        log.write_json("suspects.json", suspects)
        log.write_json("context.json", context)

        task = RepairTask(snapshot.root, baseline.failures, tuple(suspects), context, repo=root)
        plan = TrialPlan(
            command=_deadline(command, per_test),
            failing=baseline.failing_ids,
            collection_errors=frozenset(f.test_id for f in baseline.failures
                                        if f.collection_error),
            passing=baseline.passing_ids,
            collected=baseline.collected,
            timeout=min(settings.timeout,
                        max(TRIAL_TIMEOUT_FLOOR, 5 * time_without_hangs(baseline)) + per_test),
        )
        search = proposer if isinstance(proposer, Search) else Search((proposer,))
        try:
            candidates, trials = run_search(
                search, task, sandbox, snapshot, plan, settings, console.stage,
                on_candidate=lambda c: log.append_jsonl("candidates.jsonl", c),
                on_trial=lambda c, t, n: _record_trial(log, console, c, t, n),
            )
        finally:
            if search.stack is not None:
                log.write_json("usage.json", search.stack.usage())
                console.model_usage(search.stack)
        console.trials_summary(trials)
        ranking = rank(candidates, trials)
        log.write_json("ranking.json", ranking)
        by_id = {c.id: c for c in candidates}
        console.ranking(ranking, by_id)
        if not ranking.ranked:
            outcome = Outcome("no_fix", "No fix found: " + _why_no_fix(suspects, candidates))
            return _finish(log, console, outcome, ranking, candidates, trials, baseline.flaky,
                           baseline)
        outcome, fix = deploy(root, snapshot, log, console, decision, ranking, by_id, trials,
                              deployer)
        return _finish(log, console, outcome, ranking, candidates, trials, baseline.flaky,
                       baseline, fix)


#: What marks a project's root folder, as pytest finds its rootdir (and git its work tree).
ROOT_MARKERS = ("pyproject.toml", "setup.cfg", "setup.py", "pytest.ini", "tox.ini", ".git")


def find_root(start: Path) -> Path:
    """The project ``start`` is in: the nearest folder from ``start`` up that holds one of
    :data:`ROOT_MARKERS`, or ``start`` itself when none does."""
    start = check_project(start)
    return next((d for d in (start, *start.parents)
                 if any((d / m).exists() for m in ROOT_MARKERS)), start)


def _why_no_fix(suspects: Sequence[Suspect], candidates: Sequence[Candidate]) -> str:
    """Why a run found nothing, in words: never a bare "0 candidates"."""
    if candidates:
        return f"none of {len(candidates)} candidates passed"
    if not suspects:
        return ("no line of the project's code is suspected (the tracebacks name none, and "
                "per-test coverage pointed at none); nothing to try")
    return (f"no candidate edit could be made at the {len(suspects)} suspected line(s); "
            "a model (--model) may find one")


def _deadline(command: TestCommand, seconds: float) -> TestCommand:
    """``command`` with ``seconds`` per test, unless it runs without per-test deadlines."""
    return command if command.test_timeout is None else dataclasses.replace(
        command, test_timeout=seconds)


def _per_test(command: TestCommand, root: Path, has_pytest: bool, console: Console
              ) -> TestCommand:
    """A ``python -m unittest`` command run through pytest when it can be, said in one line:
    each test's own result is what makes localisation and judging work."""
    translated = through_pytest(command, root)
    if translated is None:
        return command
    if not has_pytest:
        console.say("  note: without pytest in that environment, the unittest suite is judged "
                    "as a whole by its exit code (install pytest there for per-test results)")
        return command
    console.say(f"  note: running the unittest tests through pytest, which reports each one: "
                f"`{translated.display()}`")
    return translated


def check_project(root: Path) -> Path:
    """The resolved project root; a :class:`ProjectError` when it is not a directory."""
    if not root.exists():
        raise ProjectError(f"no such directory: {root}")
    if not root.is_dir():
        raise ProjectError(f"not a directory: {root}", "give the project's root folder")
    return root.resolve()


def deploy(
    root: Path,
    snapshot: Snapshot,
    log: RunLog,
    console: Console,
    decision: Decision,
    ranking: Ranking,
    candidates: dict[str, Candidate],
    trials: list[Trial],
    deployer: Deployer | None = None,
) -> tuple[Outcome, Fix | None]:
    """Hand the chosen candidate to the working-tree deployer, or say why nothing changed;
    with the outcome, the chosen fix (None when none was chosen)."""
    best = ranking.ranked[0].candidate_id
    if decision.mode == "ask":
        chosen = console.choose(ranking, candidates, {t.candidate_id: t for t in trials})
        if chosen is None:
            return Outcome("declined", "No fix applied"), None
    else:
        chosen = best
    cand = candidates[chosen]
    log.write_text("winner.diff", cand.diff)
    old = {e.path: snapshot.read(e.path) or "" for e in cand.edits}
    fix = Fix(log.run_id, cand, apply_edits(old, cand.edits), snapshot.hashes)
    if decision.mode == "dry_run":
        return Outcome("dry_run", f"Dry run: {chosen} not applied", chosen), fix
    if decision.mode == "report":
        why = f"Not a terminal, so {chosen} was not applied; pass --yes to apply"
        return Outcome("declined", why, chosen), fix
    return (deployer or WorktreeDeployer(root)).deploy(fix), fix


def _record_trial(log: RunLog, console: Console, cand: Candidate, trial: Trial, n: int) -> None:
    log.append_jsonl("trials.jsonl", dataclasses.replace(
        trial, runs=tuple(_slim(r) for r in trial.runs)))
    console.trial_done(cand, trial, n)


def _slim(run: TestRun) -> TestRun:
    """A test run as stored in records: the output's tail only."""
    return dataclasses.replace(run, output=run.output[-4000:])


def _finish(
    log: RunLog,
    console: Console,
    outcome: Outcome,
    ranking: Ranking | None,
    candidates: list[Candidate] | None = None,
    trials: list[Trial] | None = None,
    flaky: tuple[Flaky, ...] = (),
    baseline: TestRun | None = None,
    fix: Fix | None = None,
) -> RunResult:
    found = {f.test_id: f for f in (*flaky, *(f for t in trials or [] for f in t.flaky))}
    if found:
        log.write_json("flaky.json", list(found.values()))
    log.write_json("outcome.json", outcome)
    log.write_text("report.md", render_report(log.run_id, outcome, ranking, candidates or [],
                                              trials or [], list(found.values())))
    console.say(f"\n{outcome.detail}. Records: {log.dir}")
    if outcome.status == "applied":
        console.say(f"To put the old bytes back: homeostasis undo {log.dir.parents[2]}")
    return RunResult(log.run_id, log.dir, outcome, ranking, baseline, fix)
