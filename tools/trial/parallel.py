"""Try candidates in parallel as a proposer yields them, and stop early: when the time budget
is spent, when enough are plausible, or when the search for alternatives to the first fix has
run its course. Results are reported as they finish and returned in the proposer's order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from homeostasis.core.config import Settings
from homeostasis.core.records import Candidate, Trial
from homeostasis.tools.sandbox.base import Sandbox
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.trial.candidate import TrialPlan, trial_candidate

#: Once one candidate is plausible, more are started in search of others to rank it against
#: (a first fix often passes the tests without fixing the fault): as many again as it took to
#: find the first, and at least this many.
EXPLORE_AFTER_FIRST_FIX = 20


def trial_all(
    sandbox: Sandbox,
    snapshot: Snapshot,
    candidates: Iterable[Candidate],
    plan: TrialPlan,
    settings: Settings,
    on_candidate: Callable[[Candidate], None],
    on_trial: Callable[[Candidate, Trial, int], None],
    expired: Callable[[], bool] | None = None,
) -> tuple[list[Candidate], list[Trial]]:
    """Trial up to ``settings.jobs`` candidates at once. No new candidate is started once
    ``expired()`` says the time budget is spent (None: there is none), once
    ``settings.enough`` are plausible, or once the search after the first plausible one has
    started :func:`alternatives` more. A candidate of a later round (``Candidate.round``, e.g.
    two-location edits) waits for the earlier rounds' trials to finish, and is skipped once
    one of them was plausible. Returns the candidates tried and their trials, in the order the
    proposer gave them. On Ctrl-C every running command is killed first."""
    source = iter(candidates)
    tried: list[Candidate] = []
    results: dict[str, Trial] = {}
    pending: dict[Future[Trial], Candidate] = {}
    plausible = 0
    first_fix_at: int | None = None  # how many had been started when the first fix came
    held: Candidate | None = None
    pool = ThreadPoolExecutor(max_workers=settings.jobs, thread_name_prefix="trial")
    try:
        while True:
            while (len(pending) < settings.jobs and plausible < settings.enough
                   and not (expired and expired())
                   and (first_fix_at is None
                        or len(tried) < first_fix_at + alternatives(first_fix_at))):
                cand = held or next(source, None)
                held = None
                if cand is None:
                    break
                if cand.round > 1 and plausible:
                    continue  # a later round is tried only when the earlier ones found nothing
                if cand.round > 1 and any(c.round < cand.round for c in pending.values()):
                    held = cand  # finish the earlier round before deciding on this one
                    break
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


def alternatives(started: int) -> int:
    """How many more candidates are started after the first plausible one, which came after
    ``started`` had been: as many again, and at least :data:`EXPLORE_AFTER_FIRST_FIX`."""
    return max(EXPLORE_AFTER_FIRST_FIX, started)
