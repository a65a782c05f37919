"""``homeostasis ci [PATH]``: reproduce a failed GitHub Actions run, repair it, deliver the fix.

    1. read the job's environment and event: what failed, where, whether it may be trusted;
       stop at once for a run that did not fail or a failure on a fix branch of our own
    2. check that the fix could be delivered (a token, a checkout at the failing commit, a
       branch to open a pull request into), before anything is spent
    3. repair with the normal loop (``heal``, as ``homeostasis fix --dry-run``, with the
       ``--hint`` and ``--issue`` given): it reproduces the failure in the sandbox before any
       model is asked
    4. triage what it observed: flaky, not reproduced, or the environment's: say so, stop
    5. deliver the fix as ``--mode`` says; write the report to the job's summary and the
       outputs (status, pr-url, run-id, cost) to ``GITHUB_OUTPUT``, whatever happened

Untrusted code (a fork's pull request) is repaired with the offline engine only, without the
project's ``[tool.homeostasis]`` (its settings could name a model server or an interpreter)
and without an ``--issue`` file (the checkout's files are not guidance; ``--hint`` is the
workflow's own), and nothing is pushed or opened. Imports are lazy, as everywhere in the
command line, so ``homeostasis --help`` stays fast.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from homeostasis.commands.guidance import add_guidance_arguments
from homeostasis.commands.run_options import add_run_options, run_flags

if TYPE_CHECKING:
    from homeostasis.commands.ci.environment import Actions
    from homeostasis.commands.ci.event import Failing
    from homeostasis.core.config import Settings
    from homeostasis.loop import Guidance, RunResult

#: The ways a fix can be delivered, as the action's ``mode`` input names them.
MODES = ("pr", "comment", "dry-run")
#: The settings ``homeostasis ci`` takes as flags (the rest: [tool.homeostasis], HOMEOSTASIS_*).
_RUN_OPTIONS = ("test", "python", "model", "base_url", "sandbox", "max_dollars", "time_budget",
                "timeout", "test_timeout", "jobs")
#: What the options mean more for untrusted code (see :func:`ci_settings`).
_UNTRUSTED = {"python": "for untrusted code, Homeostasis' own unless given",
              "model": "never used for untrusted code",
              "base_url": "never used for untrusted code"}

EPILOG = """statuses (the `status` output):
  fixed           a fix was found and delivered as --mode says
  no-fix          the failure was reproduced; no candidate passed
  flaky           the failing tests passed when run again: nothing repaired, no model asked
  not-reproduced  every test passes here: nothing repaired, no model asked
  environment     the environment, not the code (a missing module or command, the network)
  unusable        the tests could not be observed (a suite that hangs, a sandbox limit)
  skipped         nothing to do: the run did not fail, or failed on a homeostasis/ branch
  error           something else stopped the run (one line on stderr says what)
exit codes: 0 fixed, flaky, not-reproduced, skipped; 1 no-fix, unusable, error, and an
environment whose test command is missing or needs the network; 2 usage; 3 an environment
without a module or pytest the tests need (as homeostasis fix; see homeostasis --help)"""


def add_parser(sub: Any) -> None:
    ci = sub.add_parser(
        "ci", help="what the GitHub Action runs: reproduce a failed run, repair, open a PR",
        description="Reproduce the failure a GitHub Actions run reported, repair it, and "
                    "deliver the fix: a draft pull request from a homeostasis/ branch, a "
                    "comment, or only the job's summary. Reads the GITHUB_* variables.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    ci.add_argument("path", nargs="?", default=".",
                    help="the project, in the checkout of the commit that failed (default: .)")
    ci.add_argument("--mode", choices=MODES, default="pr",
                    help="pr: push a branch, open a draft pull request; comment: comment on "
                         "the failure's pull request; dry-run: the summary only (pr)")
    ci.add_argument("--token", metavar="TOKEN",
                    help="GitHub token (default: $GITHUB_TOKEN, which is safer: a flag can "
                         "show in process lists)")
    add_run_options(ci, _RUN_OPTIONS, notes=_UNTRUSTED)
    add_guidance_arguments(ci, issue_help="not read for untrusted code")


def run(args: argparse.Namespace) -> int:
    """Run ``homeostasis ci``; its exit code (see :data:`EPILOG`). The summary and outputs
    are written whatever happens; an error is then raised on, for the command line to say in
    one line."""
    from homeostasis.commands.ci.environment import Actions
    from homeostasis.commands.ci.event import read_event
    from homeostasis.core.errors import HomeostasisError
    from homeostasis.loop import find_root

    actions = Actions.from_environ(os.environ, args.token)
    failing = read_event(actions)
    job = _Job(args, actions, failing, find_root(Path(args.path)))
    try:
        code = job.run()
    except HomeostasisError as exc:
        job.answer(exc)
        raise
    job.answer()
    return code


class _Job:
    """One ``homeostasis ci`` run: the report and outputs so far, kept up to date, so that an
    error at any step still leaves a summary that says what was found."""

    def __init__(self, args: argparse.Namespace, actions: Actions, failing: Failing,
                 root: Path) -> None:
        from homeostasis.commands.ci.report import Report

        self.args = args
        self.actions = actions
        self.failing = failing
        self.root = root
        self.report = Report("error", "", failing, actions.repository)
        self.outputs = {"status": "error", "pr-url": "", "run-id": "", "cost": "0.0000"}
        #: The status an error is reported with (the triage's, when it stopped the run).
        self.error_status = "error"

    def run(self) -> int:
        from homeostasis.commands.ci.delivery import check_ready

        if self.failing.skip:
            self._set("skipped", f"Nothing done: {self.failing.skip}.")
            return 0
        check_ready(self.args.mode, self.failing, self.actions, self.root)
        settings, notes = ci_settings(self.root, self.args, os.environ, self.failing)
        guidance, more = ci_guidance(self.args, self.failing)
        self.report = dataclasses.replace(self.report, notes=(*notes, *more))
        result = self._heal(settings, guidance)
        return self._after(result)

    def _heal(self, settings: Settings, guidance: Guidance) -> RunResult:
        from homeostasis.commands.ci.triage import triage_error
        from homeostasis.core.errors import ProjectError
        from homeostasis.loop import Decision, heal
        from homeostasis.search import make_search
        from homeostasis.ui import Console

        console = Console(sys.stdout)
        search = make_search(settings, lambda text: console.say(f"  note: {text}"))
        if search.stack is None:
            console.say("No model: the offline template engine (no key, no network).")
        else:
            when = ", asked if the offline engine finds nothing" if len(search.tiers) > 1 else ""
            console.say(f"Model: {search.stack.model.name}{when}.")
        try:
            return heal(self.root, settings, console, Decision("dry_run"), search,
                        started=lambda run_id: self.outputs.update({"run-id": run_id}),
                        guidance=guidance)
        except ProjectError as exc:
            triage = triage_error(exc)
            if triage is not None:
                self.error_status = triage.verdict
                self.report = dataclasses.replace(self.report, triage=triage)
            raise
        finally:
            if search.stack is not None:
                search.stack.close()

    def _after(self, result: RunResult) -> int:
        from homeostasis.commands.ci.delivery import deliver
        from homeostasis.commands.ci.report import Records, cost
        from homeostasis.commands.ci.triage import fingerprint, triage_result

        records = Records.read(result.run_dir)
        triage = triage_result(result)
        self.outputs.update({"run-id": result.run_id, "cost": cost(records)})
        self.report = dataclasses.replace(self.report, result=result, records=records,
                                          triage=triage)
        if not triage.repair or result.baseline is None:
            self._set(triage.verdict, f"Nothing repaired: {triage.detail}.")
            return 0
        self.report = dataclasses.replace(self.report, fingerprint=fingerprint(result.baseline))
        if result.fix is None:
            self._set("no-fix", f"{result.outcome.detail}.")
            return 1
        self._set("fixed", f"Found a fix for {len(result.baseline.failing_ids)} failing "
                           "test(s): it makes them pass and keeps the passing ones passing.")
        body = self.report.markdown()
        delivered = deliver(self.args.mode, result.fix, self.report.fingerprint, self.failing,
                            self.actions, self.root, body)
        self.outputs["pr-url"] = delivered.pr_url
        self.report = dataclasses.replace(self.report, delivery=delivered.lines,
                                          notes=self.report.notes + delivered.notes)
        _record(self.root, result.run_id, {
            "mode": self.args.mode, "fingerprint": self.report.fingerprint,
            "branch": delivered.branch, "commit": delivered.commit,
            "pr_url": delivered.pr_url, "done": list(delivered.lines)})
        return 0

    def _set(self, status: str, headline: str) -> None:
        self.outputs["status"] = status
        self.report = dataclasses.replace(self.report, status=status, headline=headline)

    def answer(self, error: Exception | None = None) -> None:
        """Write the outputs and the summary (to stdout outside a runner)."""
        from homeostasis.commands.ci.environment import write_outputs, write_summary

        if error is not None:
            self._set(self.error_status, f"Stopped: {error}")
        write_outputs(self.actions.output, self.outputs)
        markdown = self.report.markdown()
        if not write_summary(self.actions.summary, markdown):
            print(markdown)
        print(f"homeostasis ci: {self.outputs['status']}"
              + (f" ({self.outputs['pr-url']})" if self.outputs["pr-url"] else ""))


def ci_settings(root: Path, args: argparse.Namespace, environ: Mapping[str, str],
                failing: Failing) -> tuple[Settings, list[str]]:
    """The run's settings and notes about them. For untrusted code: no model, no model
    server, and not the project's ``[tool.homeostasis]`` (flags and HOMEOSTASIS_* only); the
    interpreter is the one given, else Homeostasis' own (never one found in the project,
    which would run outside the sandbox to be probed)."""
    from homeostasis.core.config import load_settings

    flags = run_flags(args)
    if not failing.untrusted:
        return load_settings(root, environ, flags), []
    settings = load_settings(None, environ, flags)
    dropped = " (the --model given is not used)" if settings.model else ""
    settings = dataclasses.replace(settings, model=None, base_url=None,
                                   python=settings.python or sys.executable)
    return settings, [f"Untrusted: {failing.untrusted}. Repaired with the offline engine "
                      f"only{dropped}, without the project's [tool.homeostasis]; nothing is "
                      "pushed or opened."]


def ci_guidance(args: argparse.Namespace, failing: Failing) -> tuple[Guidance, list[str]]:
    """The run's hints (``--hint``) and issue (``--issue``), and notes about them. The hints
    are the workflow's own words, used for any code; the issue file is read only for trusted
    code: an untrusted checkout's files are not guidance (a link among them could lead
    anywhere on the runner), and no model would read it there."""
    from homeostasis.commands.guidance import given_guidance

    if failing.untrusted and args.issue:
        return given_guidance(args.hint, None), [
            f"The issue file {args.issue} was not read: the files of untrusted code are not "
            "used as guidance."]
    return given_guidance(args.hint, args.issue), []


def _record(root: Path, run_id: str, delivery: Mapping[str, Any]) -> None:
    """``delivery.json`` in the run's records: where the fix went."""
    from homeostasis.runs.log import RunLog

    RunLog(root, run_id).write_json("delivery.json", dict(delivery))

