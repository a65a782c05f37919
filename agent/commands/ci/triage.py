"""Triage: is the failure worth a repair here? Decided from the loop's own observation.

The loop reproduces the failure before anything is proposed: its baseline runs the whole
suite once in the sandbox (:mod:`homeostasis.tools.observe.baseline`), runs the failing tests
again to find flaky ones (:mod:`~homeostasis.tools.observe.flaky`), and stops with an error
when the environment cannot run the tests (:mod:`~homeostasis.tools.observe.environment_problems`:
a missing module, no pytest; a test command not found; tests that need the network). No
model is asked before that, so whatever the verdict below, a failure that is not the code's
costs nothing. This module only reads the outcome:

- ``reproduced``: tests fail here too, for the code's reasons: a repair was tried;
- ``flaky``: the failing tests passed when run again;
- ``not-reproduced``: every test passes here;
- ``environment``: the environment, not the code (the error says what to install or change);
- ``unusable``: the tests could not be observed (a suite that hangs where no per-test deadline
  can stop it, a sandbox limit).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from homeostasis.core.errors import EnvironmentProblem, ProjectError
from homeostasis.core.records import TestRun
from homeostasis.loop import RunResult
from homeostasis.tools.deploy.git_branch import failure_fingerprint
from homeostasis.tools.observe.baseline import UnusableBaseline

Verdict = Literal["reproduced", "flaky", "not-reproduced", "environment", "unusable"]

#: What a baseline run's status means for the triage when it stopped the run.
_ENVIRONMENT_STATUSES = ("not_found", "network_blocked")


@dataclass(frozen=True)
class Triage:
    """The verdict and, in a sentence, why."""

    verdict: Verdict
    detail: str

    @property
    def repair(self) -> bool:
        """Whether the failure is the code's: a repair was (or is to be) tried."""
        return self.verdict == "reproduced"


def triage_result(result: RunResult) -> Triage:
    """The verdict on a run that observed its baseline."""
    baseline = result.baseline
    if baseline is None:  # a run that stopped before its baseline raised instead
        return Triage("unusable", result.outcome.detail)
    if baseline.failing_ids:
        return Triage("reproduced", f"{len(baseline.failing_ids)} test(s) fail here too")
    if baseline.flaky:
        names = ", ".join(f.describe() for f in baseline.flaky[:5])
        return Triage("flaky", f"the failing tests passed when run again: {names}; a flaky "
                               "test is not repaired here")
    return Triage("not-reproduced", f"all {baseline.collected} tests pass here: the failure "
                                    "did not happen again")


def triage_error(error: ProjectError) -> Triage | None:
    """The verdict on an error that stopped a run at its baseline; None when ``error`` is
    not one of the baseline's."""
    if isinstance(error, EnvironmentProblem):
        return Triage("environment", str(error))
    if isinstance(error, UnusableBaseline):
        kind: Verdict = "environment" if error.status in _ENVIRONMENT_STATUSES else "unusable"
        return Triage(kind, str(error))
    return None


def fingerprint(baseline: TestRun) -> str:
    """The failure's fingerprint: its failing tests and what they raised (see
    :func:`~homeostasis.tools.deploy.git_branch.failure_fingerprint`)."""
    return failure_fingerprint(baseline.failing_ids, [f.exc_type for f in baseline.failures])
