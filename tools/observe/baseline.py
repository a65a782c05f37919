"""The baseline: the whole suite run once on the untouched snapshot. A run that could not
tell which tests fail (the command is missing, the suite hangs or hits a sandbox limit,
nothing is collected), or that failed for a reason outside the project's code (a missing
dependency), stops the repair here with a one-line error and what to do. Failing tests that
pass when run again are marked flaky (:mod:`.flaky`). A test command that cannot load the
per-test deadline plugin (a wrapper script that clears ``PYTHONPATH``) is run without it: a
hanging test then stops the whole run at the suite's deadline."""

from __future__ import annotations

import dataclasses

from homeostasis.core.errors import ProjectError
from homeostasis.core.records import TestRun
from homeostasis.tools.observe.deadlines import PLUGIN_MODULE
from homeostasis.tools.observe.environment_problems import check_environment
from homeostasis.tools.observe.flaky import rerun_failing
from homeostasis.tools.observe.runner import TestCommand, run_tests
from homeostasis.tools.sandbox.base import Sandbox
from homeostasis.tools.sandbox.snapshot import Snapshot


class UnusableBaseline(ProjectError):
    """The baseline run could not tell which tests fail; ``status`` is the run's
    (``not_found``, ``timeout``, ``network_blocked``…), so a caller can tell a missing
    command or network (the environment's doing) from a suite that hangs."""

    def __init__(self, message: str, hint: str = "", *, status: str) -> None:
        super().__init__(message, hint)
        self.status = status


def observe(
    sandbox: Sandbox, snapshot: Snapshot, command: TestCommand, timeout: float
) -> tuple[TestRun, TestCommand]:
    """Run the whole suite once on the untouched snapshot; what it shows is the baseline,
    and the command to run the tests with from now on (``command``, or the same without
    per-test deadlines when it cannot load their plugin)."""
    with sandbox.workspace(snapshot) as ws:
        run = run_tests(ws, command, timeout)
        if command.test_timeout is not None and _plugin_refused(run):
            command = dataclasses.replace(command, test_timeout=None)
            run = run_tests(ws, command, timeout)
        check_environment(run, command, snapshot.hashes)
        if run.status == "ok":
            run = rerun_failing(ws, command, timeout, run)
    hints = {
        "not_found": "check the --test command, or install pytest in this environment",
        "timeout": "a test hangs where its own deadline (--test-timeout) cannot stop it, or "
                   "many do; fix or skip it, or raise --timeout",
        "error": "run the test command yourself to see why it fails to start",
        "interrupted": "",
        "oom": "the tests need more memory than the sandbox gives; raise "
               "memory_mb in [tool.homeostasis]",
        "pid_limit": "the tests start more processes than the sandbox allows; raise "
                     "pids in [tool.homeostasis]",
        "disk_full": "the tests write more than the sandbox allows; raise "
                     "disk_mb in [tool.homeostasis]",
        "output_truncated": "the tests print more than the sandbox keeps; raise "
                            "output_mb in [tool.homeostasis]",
        "network_blocked": "deselect the tests that need the network (for example "
                           "--test 'pytest -m \"not network\"'): the sandbox has none",
    }
    if run.status in hints:
        raise UnusableBaseline(run.detail, hints[run.status], status=run.status)
    if not run.results:
        raise ProjectError(
            f"no tests were collected by `{command.display()}`",
            "point --test at your test command, or add tests",
        )
    return run, command


def _plugin_refused(run: TestRun) -> bool:
    """Whether pytest failed to start because it could not import the deadline plugin."""
    return run.status == "error" and f'importing plugin "{PLUGIN_MODULE}"' in run.output
