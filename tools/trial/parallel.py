"""Try candidates in parallel as a proposer yields them, and stop early once enough are
plausible. Results are reported as they finish and returned in the proposer's order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from homeostasis.core.config import Settings
from homeostasis.core.records import Candidate, Trial
from homeostasis.tools.sandbox.base import Sandbox
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.trial.candidate import TrialPlan, trial_candidate

#: Once one candidate is plausible, at most this many more are started in search of others
#: (to rank against); the budget is for finding a fix, not for polishing one.
EXPLORE_AFTER_FIRST_FIX = 20


def trial_all(
    sandbox: Sandbox,
    snapshot: Snapshot,
    candidates: Iterable[Candidate],
    plan: TrialPlan,
    settings: Settings,
    on_candidate: Callable[[Candidate], None],
    on_trial: Callable[[Candidate, Trial, int], None],
) -> tuple[list[Candidate], list[Trial]]:
    """Trial up to ``settings.jobs`` candidates at once; no new candidate is started once
    ``settings.enough`` are plausible, and a later round of candidates (``Candidate.round``,
    e.g. two-location edits) only starts when the earlier rounds found nothing plausible.
    Returns the candidates tried and their trials, in the order the proposer gave them. On
    Ctrl-C every running command is killed first."""
    source = iter(candidates)
    tried: list[Candidate] = []
    results: dict[str, Trial] = {}
    pending: dict[Future[Trial], Candidate] = {}
    plausible = 0
    first_fix_at: int | None = None  # how many had been started when the first fix came
    stage = 1
    held: Candidate | None = None
    pool = ThreadPoolExecutor(max_workers=settings.jobs, thread_name_prefix="trial")
    try:
        while True:
            while (len(pending) < settings.jobs and plausible < settings.enough
                   and (first_fix_at is None
                        or len(tried) - first_fix_at < EXPLORE_AFTER_FIRST_FIX)):
                cand = held or next(source, None)
                held = None
                if cand is None:
                    break
                if cand.round > stage:
                    if pending:  # finish this round before deciding on the next
                        held = cand
                        break
                    if plausible:  # a later round is tried only when this one found nothing
                        break
                    stage = cand.round
                tried.append(cand)
                on_candidate(cand)
                pending[pool.submit(trial_candidate, sandbox, snapshot, cand, plan)] = cand
            if not pending:
                break
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: tried.index(pending[f])):
                cand = pending.pop(future)
                trial = future.result()
                results[cand.id] = trial
                if trial.status == "plausible":
                    first_fix_at = len(tried) if first_fix_at is None else first_fix_at
                    plausible += 1
                on_trial(cand, trial, len(results))
    except BaseException:
        sandbox.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return tried, [results[c.id] for c in tried]


