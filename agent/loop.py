"""The healing loop: observe → diagnose → propose → trial → judge → deploy.

``heal()`` reads like the cycle it runs. Each stage is a function in its own module; this one
only wires them together, writes the records as it goes, and tells the user what is happening.
Nothing in the user's tree changes before :func:`deploy`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from homeostasis.core.config import Settings
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
from homeostasis.session import Session, applied_outcome, make_fix
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
from homeostasis.tools.observe.interpreter import find_interpreter, sandbox_interpreter
from homeostasis.tools.observe.runner import TestCommand
from homeostasis.tools.observe.unittest_command import through_pytest
from homeostasis.tools.sandbox.base import Sandbox
from homeostasis.tools.sandbox.choose import open_sandbox
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.trial.candidate import TrialPlan
from homeostasis.ui import Console
from homeostasis.ui.conversation import Round, converse

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
class Guidance:
    """What the user tells a run beyond its tests: ``hints`` in their own words (``--hint``,
    and those typed in the conversation), an ``issue`` report (``--issue``, an eval's
    ``problem_statement``: quoted to a model as data), and, for ``--resume``, the run it
    continues and the programs that run (and those it resumed) tried to a verdict (skipped;
    recorded in ``run.json`` for the next resume). ``untrusted_hints`` counts the hints of a
    resumed run whose record this machine did not write: they are in ``issue``, as data."""

    hints: tuple[str, ...] = ()
    issue: str = ""
    resumed_from: str = ""
    tried: frozenset[str] = frozenset()
    untrusted_hints: int = 0


@dataclass(frozen=True)
class Decision:
    """How the user wants the winner handled: ``apply`` (``--yes``), ``ask`` (a terminal),
    ``dry_run`` or ``report`` (no terminal and no ``--yes``: show, never apply)."""

    mode: str


def heal(
    root: Path, settings: Settings, console: Console, decision: Decision,
    proposer: Proposer | Search, started: Callable[[str], None] | None = None,
    guidance: Guidance = Guidance(), extra_files: Mapping[str, str] | None = None,
    deployer: Deployer | None = None,
) -> RunResult:
    """Repair the failing tests of the project at ``root``; see the module docstring.
    ``started`` is told the run's id as soon as its records exist (before any test runs),
    for a caller that must name the run even when it stops with an error. With ``decision``
    ``ask``, each round ends in the conversation (:mod:`homeostasis.ui.conversation`), where a
    hint starts another round. ``extra_files`` are written into the run's snapshot only (a
    reproduction test), and an applied fix goes through ``deployer`` (default: the working
    tree's)."""
    root = check_project(root)
    deployer = deployer or WorktreeDeployer(root)
    with closing(open_sandbox(settings, root, console.say)) as sandbox:
        # Docker runs the tests with its image's Python: no program of the project's (its
        # .venv/bin/python could be anything) is run on the host to find another.
        docker = sandbox.name == "docker"
        python = (sandbox_interpreter(root) if docker
                  else find_interpreter(root, os.environ, settings.python))
        try:
            command = TestCommand.parse(settings.test, str(python.path), python.source_dirs)
        except ValueError as exc:  # unclosed quote, or nothing but spaces
            raise UsageError(f"cannot read the test command {settings.test!r}: {exc}") from None
        command = dataclasses.replace(
            _per_test(command, root, python.has_pytest, console),
            test_timeout=settings.test_timeout)
        log = RunLog(root)
        if started is not None:
            started(log.run_id)
        recorded = dataclasses.asdict(settings)
        if settings.base_url:  # a proxy URL may carry a password
            recorded["base_url"] = without_credentials(settings.base_url)
        run_record = {"run_id": log.run_id, "settings": recorded, "command": command.display(),
                      "hints": list(guidance.hints), "resumed_from": guidance.resumed_from,
                      "tried": sorted(guidance.tried)}
        log.write_run(run_record)
        if guidance.issue:
            log.write_text("issue.md", guidance.issue)
        console.say(python.describe(root) if not docker else
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

        task = RepairTask(snapshot.root, baseline.failures, tuple(suspects), context,
                          hints=guidance.hints, issue=guidance.issue, repo=root)
        plan = TrialPlan(
            command=_deadline(command, per_test),
            failing=baseline.failing_ids,
            collection_errors=frozenset(f.test_id for f in baseline.failures
                                        if f.collection_error),
            passing=baseline.passing_ids,
            collected=baseline.collected,
            timeout=min(settings.timeout,
                        max(TRIAL_TIMEOUT_FLOOR, 5 * time_without_hangs(baseline)) + per_test),
            protected=settings.protected_paths(),
        )
        search = proposer if isinstance(proposer, Search) else Search((proposer,))
        candidates: list[Candidate] = []
        trials: list[Trial] = []
        skipped: dict[str, str] = {}  # programs skipped as already tried: key → where
        session: Session | None = None
        for round_no in itertools.count():
            found, judged = _search(search, task, sandbox, snapshot, plan, settings, console,
                                    log, guidance.tried | {t.normalized for t in trials
                                                           if t.normalized},
                                    f"h{round_no}-" if round_no else "", skipped, guidance)
            candidates += found
            trials += judged
            console.trials_summary(trials)
            ranking = rank(candidates, trials)
            log.write_json("ranking.json", ranking)
            by_id = {c.id: c for c in candidates}
            console.ranking(ranking, by_id)
            if decision.mode != "ask":
                break
            if not ranking.ranked:
                console.say(f"  Why: {_why_no_fix(suspects, candidates, skipped)}.")
            session = Session(root, snapshot, sandbox, plan, log, by_id, deployer)
            try:
                hint = converse(console, Round(ranking, by_id,
                                               {t.candidate_id: t for t in trials}), session)
            except BaseException:  # stopped (or broken) with a fix of this run perhaps applied
                _record_stop(root, log, ranking, candidates, trials, baseline.flaky)
                raise
            if hint is None:
                break
            task = dataclasses.replace(task, hints=(*task.hints, hint))
            run_record["hints"] = list(task.hints)
            log.write_run(run_record)
            console.stage(f"Round {round_no + 2}, with your hint: {hint}")
        if session is not None:  # the conversation decided
            outcome = session.outcome or Outcome(
                "declined" if ranking.ranked else "no_fix",
                "No fix applied" if ranking.ranked
                else "No fix found: " + _why_no_fix(suspects, candidates, skipped))
            return _finish(log, console, outcome, ranking, candidates, trials, baseline.flaky,
                           baseline, session.fix if session.outcome else None)
        if not ranking.ranked:
            outcome = Outcome("no_fix", "No fix found: " + _why_no_fix(suspects, candidates,
                                                                       skipped))
            return _finish(log, console, outcome, ranking, candidates, trials, baseline.flaky,
                           baseline)
        try:
            outcome, fix = deploy(snapshot, log, decision, ranking, by_id, deployer)
        except BaseException:  # the write was finished or undone: the files say which
            _record_stop(root, log, ranking, candidates, trials, baseline.flaky)
            raise
        return _finish(log, console, outcome, ranking, candidates, trials, baseline.flaky,
                       baseline, fix)


def _search(search: Search, task: RepairTask, sandbox: Sandbox, snapshot: Snapshot,
            plan: TrialPlan, settings: Settings, console: Console, log: RunLog,
            seen: frozenset[str], prefix: str, skipped: dict[str, str], guidance: Guidance
            ) -> tuple[list[Candidate], list[Trial]]:
    """One round of the search, recorded as it goes, skipping the programs ``seen``; each
    one skipped is added to ``skipped`` with where it was tried (the run ``guidance``
    resumes, or this one) and said in a line."""
    said = 0

    def skip(_cand: Candidate, key: str) -> None:
        nonlocal said
        said += 1
        skipped.setdefault(key, f"run {guidance.resumed_from}" if key in guidance.tried
                           else "this run")

    try:
        return run_search(
            search, task, sandbox, snapshot, plan, settings, console.stage,
            on_candidate=lambda c: log.append_jsonl("candidates.jsonl", c),
            on_trial=lambda c, t, n: _record_trial(log, console, c, t, n),
            seen=seen, prefix=prefix, on_skip=skip,
        )
    finally:
        if said:
            console.say(f"  {said} candidate(s) skipped: already tried")
        if search.stack is not None:
            log.write_json("usage.json", search.stack.usage())
            console.model_usage(search.stack)


#: What marks a project's root folder, as pytest finds its rootdir (and git its work tree).
ROOT_MARKERS = ("pyproject.toml", "setup.cfg", "setup.py", "pytest.ini", "tox.ini", ".git")


def find_root(start: Path) -> Path:
    """The project ``start`` is in: the nearest folder from ``start`` up that holds one of
    :data:`ROOT_MARKERS`, or ``start`` itself when none does."""
    start = check_project(start)
    return next((d for d in (start, *start.parents)
                 if any((d / m).exists() for m in ROOT_MARKERS)), start)


def _why_no_fix(suspects: Sequence[Suspect], candidates: Sequence[Candidate],
                skipped: Mapping[str, str] | None = None) -> str:
    """Why a run found nothing, in words: never a bare "0 candidates". ``skipped``: the
    programs proposed but not tried again, with where they were tried."""
    skipped = skipped or {}
    where = Counter(skipped.values())
    tried_in = " and ".join(f"{n} in {place}" for place, n in sorted(where.items()))
    if candidates:
        more = (f"; {len(skipped)} more proposed were already tried ({tried_in})"
                if skipped else "")
        return f"none of {len(candidates)} candidates passed{more}"
    if skipped:
        return (f"all {len(skipped)} candidate(s) that could be proposed were already tried "
                f"({tried_in}); a hint, or a model (--model), may find another")
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
    snapshot: Snapshot,
    log: RunLog,
    decision: Decision,
    ranking: Ranking,
    candidates: dict[str, Candidate],
    deployer: Deployer,
) -> tuple[Outcome, Fix | None]:
    """Hand the best candidate to ``deployer`` (``apply``), or say why nothing changed
    (``dry_run``, ``report``); with the outcome, the chosen fix."""
    chosen = ranking.ranked[0].candidate_id
    fix = make_fix(snapshot, log, candidates[chosen])
    if decision.mode == "dry_run":
        return Outcome("dry_run", f"Dry run: {chosen} not applied", chosen), fix
    if decision.mode == "report":
        why = f"Not a terminal, so {chosen} was not applied; pass --yes to apply"
        return Outcome("declined", why, chosen), fix
    return deployer.deploy(fix), fix


def _record_trial(log: RunLog, console: Console, cand: Candidate, trial: Trial, n: int) -> None:
    log.append_jsonl("trials.jsonl", dataclasses.replace(
        trial, runs=tuple(_slim(r) for r in trial.runs)))
    console.trial_done(cand, trial, n)


def _slim(run: TestRun) -> TestRun:
    """A test run as stored in records: the output's tail only."""
    return dataclasses.replace(run, output=run.output[-4000:])


def _record_stop(root: Path, log: RunLog, ranking: Ranking, candidates: list[Candidate],
                 trials: list[Trial], flaky: tuple[Flaky, ...]) -> None:
    """When a run is stopped (Ctrl-C, SIGTERM, SIGHUP, an error) with its fix in place — the
    files hold what its undo record says it wrote — record it as applied (``outcome.json``,
    ``report.md``): the records say what the files say, not what the run meant to do."""
    outcome = applied_outcome(root, log.run_id)
    if outcome is not None:
        with contextlib.suppress(OSError):  # what stopped the run is what the user must see
            _record(log, dataclasses.replace(outcome, detail=outcome.detail + "; the run was "
                                             "then stopped"), ranking, candidates, trials,
                    flaky)


def _record(log: RunLog, outcome: Outcome, ranking: Ranking | None,
            candidates: list[Candidate], trials: list[Trial], flaky: tuple[Flaky, ...]) -> None:
    """Write the run's last records: its flaky tests, its outcome and its report."""
    found = {f.test_id: f for f in (*flaky, *(f for t in trials for f in t.flaky))}
    if found:
        log.write_json("flaky.json", list(found.values()))
    log.write_json("outcome.json", outcome)
    log.write_text("report.md", render_report(log.run_id, outcome, ranking, candidates,
                                              trials, list(found.values())))


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
    _record(log, outcome, ranking, candidates or [], trials or [], flaky)
    console.say(f"\n{outcome.detail}. Records: {log.dir}")
    if outcome.status == "applied":
        console.say(f"To put the old bytes back: homeostasis undo {log.dir.parents[2]}")
    return RunResult(log.run_id, log.dir, outcome, ranking, baseline, fix)
