"""What the conversation's commands do to the project during a run (``homeostasis fix`` on a
terminal): apply a fix to the working tree and undo it, try a fix again in the run's sandbox,
and list the project's runs. The loop makes one :class:`Session` per round and hands it to
:func:`homeostasis.ui.conversation.converse` as its ``Actions``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from homeostasis.core.edits import apply_edits
from homeostasis.core.records import Candidate, Outcome, Trial
from homeostasis.runs.history import format_runs, list_runs
from homeostasis.runs.log import RunLog
from homeostasis.tools.deploy.base import Deployer, Fix
from homeostasis.tools.deploy.hotswap import undo_and_swap
from homeostasis.tools.deploy.worktree import applied_fix
from homeostasis.tools.sandbox.base import Sandbox
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.trial.candidate import TrialPlan, trial_candidate

#: Runs listed by the ``runs`` command of the conversation (``homeostasis runs`` lists all).
RUNS_SHOWN = 10


def make_fix(snapshot: Snapshot, log: RunLog, cand: Candidate) -> Fix:
    """``cand`` ready for a deployer, its diff recorded as the run's ``winner.diff``."""
    log.write_text("winner.diff", cand.diff)
    old = {e.path: snapshot.read(e.path) or "" for e in cand.edits}
    return Fix(log.run_id, cand, apply_edits(old, cand.edits), snapshot.hashes)


def applied_outcome(root: Path, run_id: str) -> Outcome | None:
    """The ``applied`` outcome of run ``run_id`` when its fix is in place in ``root`` (its
    undo record, written here, matches the files: :func:`applied_fix`), else None. Asked
    when a run was stopped: the files say what happened, not what the run meant to do."""
    found = applied_fix(root, run_id)
    if found is None:
        return None
    candidate_id, files = found
    return Outcome("applied", f"Applied {candidate_id or 'the fix'} to {', '.join(files)}",
                   candidate_id or None, files)


@dataclass
class Session:
    """The run's project, snapshot, sandbox and records, and what the user did with them:
    ``outcome`` is the last fix applied (None when none is, or it was undone)."""

    root: Path
    snapshot: Snapshot
    sandbox: Sandbox
    plan: TrialPlan
    log: RunLog
    candidates: Mapping[str, Candidate]
    deployer: Deployer
    """Where ``apply`` puts a fix: the working tree, or a running service (``watch``)."""
    outcome: Outcome | None = None
    fix: Fix | None = field(default=None)

    @property
    def applied(self) -> str | None:
        return self.outcome.candidate_id if self.outcome else None

    def apply(self, candidate_id: str) -> str:
        if self.outcome is not None:
            return f"  {self.applied} is already applied: undo it first"
        self.fix = make_fix(self.snapshot, self.log, self.candidates[candidate_id])
        try:
            self.outcome = self.deployer.deploy(self.fix)
        except KeyboardInterrupt:  # the write was finished or undone, never left half done
            self.outcome = applied_outcome(self.root, self.log.run_id)
            raise
        return f"  {self.outcome.detail}"

    def undo(self) -> str:
        if self.outcome is None:
            return "  nothing applied in this session to undo"
        try:
            run_id, files, swapped = undo_and_swap(self.root, self.log.run_id)
        except KeyboardInterrupt:
            self.outcome = applied_outcome(self.root, self.log.run_id)
            raise
        self.outcome = None
        back = " (the running service has the old code back)" if swapped else ""
        return f"  undid {run_id}: restored {', '.join(files)}{back}"

    def retest(self, candidate_id: str) -> Trial:
        return trial_candidate(self.sandbox, self.snapshot, self.candidates[candidate_id],
                               self.plan)

    def runs(self) -> str:
        return format_runs(list_runs(self.root)[:RUNS_SHOWN])
