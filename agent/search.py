"""The search for a fix across proposers: tiers tried in order until one finds a plausible fix,
and, for a proposer that can hold a conversation (the LLM), further rounds in which the test
output of its most promising failed candidate goes back to it.

With a model configured the tiers are the offline engine first (free, and it fixes most small
faults), then the model — only when the engine found nothing (``cascade``; off: the model
alone). The offline engine's tier has the time budget (``time_budget``); a model's tier is
bounded by its spending limits and rounds. The candidate cap (``candidates``), when there is
one, is shared by all tiers and rounds. A candidate that is the same program, by AST, as one
already tried and failed is not tried again, whichever tier proposed it, and does not count
against the cap: a tier is asked for as many more as could be skipped, and the search takes
the new ones up to the cap. Each trial is reported to the proposer that made it when it can
learn from it (an ``observe`` method).
"""

from __future__ import annotations

import dataclasses
import itertools
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from homeostasis.core.config import Settings
from homeostasis.core.edits import apply_edits
from homeostasis.core.errors import HomeostasisError, ModelError
from homeostasis.core.records import Candidate, Trial
from homeostasis.models.catalog import window_of
from homeostasis.propose.base import Deadline, Proposer, RepairTask, make_proposer
from homeostasis.propose.llm.fit import Window
from homeostasis.tools.sandbox.base import Sandbox
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.trial.candidate import TrialPlan, normalized_patch
from homeostasis.tools.trial.parallel import trial_all

if TYPE_CHECKING:
    from homeostasis.models.stack import ModelStack

#: Test output sent back to the model in a conversational round (the tail is kept).
FEEDBACK_CHARS = 6000


@dataclass(frozen=True)
class Search:
    """The proposers of a run, in the order they are tried, the model rounds, and the model
    stack whose spending the run reports (None without a model). ``untimed`` are the tiers
    the time budget does not bound (a model's)."""

    tiers: Sequence[Proposer]
    rounds: int = 1
    stack: ModelStack | None = None
    untimed: tuple[Proposer, ...] = ()


def make_search(settings: Settings, warn: Callable[[str], None], proposer: str | None = None
                ) -> Search:
    """The search ``settings`` ask for: a named proposer alone; else, with a model, the
    offline engine then the model (or the model alone without ``cascade``); else the offline
    engine alone."""
    if proposer or not settings.model:
        return Search((make_proposer(None, settings.samples, proposer),))
    # The model stack imports the SDKs and diskcache: only a run with a model pays for them.
    from homeostasis.models.stack import ModelOptions, build_model

    stack = build_model(ModelOptions(
        settings.model, base_url=settings.base_url, max_dollars=settings.max_dollars,
        max_tokens_total=settings.max_tokens_total, max_calls=settings.max_calls,
        price_input=settings.price_input, price_output=settings.price_output,
        cache=settings.cache, record=settings.record), warn)
    window = Window(window_of(stack.model.name), stack.counter)
    llm = make_proposer(stack.model, settings.samples, window=window)
    tiers = (make_proposer(None, settings.samples), llm) if settings.cascade else (llm,)
    return Search(tiers, settings.rounds, stack, untimed=(llm,))


def closest_miss(candidates: Sequence[Candidate], trials: Sequence[Trial]
                 ) -> tuple[Candidate, Trial] | None:
    """The failed candidate that came closest (most failing tests fixed, fewest passing ones
    broken), among those whose tests ran; None when none did."""
    ran = [(c, t) for c, t in zip(candidates, trials, strict=True)
           if t.status == "failed" and t.runs]
    if not ran:
        return None
    return max(ran, key=lambda ct: (sum(ct[1].fail_to_pass.values()),
                                    -len(ct[1].pass_to_pass_broken)))


def feedback_of(trial: Trial) -> str:
    output = trial.runs[-1].output[-FEEDBACK_CHARS:]
    return f"{trial.reason}\n\n{output}".strip()


def run_search(
    search: Search,
    task: RepairTask,
    sandbox: Sandbox,
    snapshot: Snapshot,
    plan: TrialPlan,
    settings: Settings,
    stage: Callable[[str], None],
    on_candidate: Callable[[Candidate], None],
    on_trial: Callable[[Candidate, Trial, int], None],
    clock: Callable[[], float] = time.monotonic,
    seen: frozenset[str] = frozenset(),
    prefix: str = "",
    on_skip: Callable[[Candidate, str], None] | None = None,
) -> tuple[list[Candidate], list[Trial]]:
    """Every candidate tried and its trial, in order, across tiers and rounds; ``clock``
    measures the time budget. ``seen`` are the programs (``normalized_patch`` keys) an
    earlier search of the run (or a run it resumes) already tried, skipped here and told to
    ``on_skip`` with their key; ``prefix`` goes before every candidate id (a later search's
    ids must not repeat an earlier one's). The cap counts the candidates tried, not those
    skipped."""
    tried: list[Candidate] = []
    trials: list[Trial] = []

    def until_model_error(candidates: Iterator[Candidate]) -> Iterator[Candidate]:
        """``candidates`` until the model cannot answer (a budget reached, an API error):
        that ends this tier, said once, and what was already tried still counts."""
        try:
            yield from candidates
        except ModelError as exc:
            stage(f"The model stopped: {exc}")

    def failed() -> frozenset[str]:
        return seen | {t.normalized for t in trials
                       if t.normalized and t.status != "plausible"}

    def batch(tier: Proposer, candidates: Iterator[Candidate], deadline: Deadline | None,
              left: int, skip: frozenset[str]) -> bool:
        """Trial the first ``left`` of ``candidates`` not in ``skip`` (until ``deadline``);
        whether one is plausible."""
        done = len(trials)
        observe = getattr(tier, "observe", None)

        def report(cand: Candidate, trial: Trial, n: int) -> None:
            if observe is not None:  # under the id the proposer gave it
                observe(dataclasses.replace(cand, id=cand.id.removeprefix(prefix)), trial)
            on_trial(cand, trial, done + n)

        named = (dataclasses.replace(c, id=prefix + c.id) if prefix else c
                 for c in until_model_error(candidates))
        new = itertools.islice(unseen(named, snapshot, skip, on_skip), left)
        got, judged = trial_all(sandbox, snapshot, new, plan, settings, on_candidate, report,
                                deadline.passed if deadline else None)
        tried.extend(got)
        trials.extend(judged)
        return any(t.status == "plausible" for t in judged)

    for tier in search.tiers:
        left = _left(settings, len(tried))
        if left <= 0:
            break
        stage(f"Proposing fixes with {tier.name}")
        start = len(tried)
        deadline = None if tier in search.untimed else Deadline.starting_now(
            settings.time_budget, clock)
        # asked for as many more as could be skipped, so that skipped ones leave the cap
        skip = failed()
        if batch(tier, tier.propose(dataclasses.replace(task, deadline=deadline),
                                    _more(left, skip)), deadline, left, skip):
            break
        retry = getattr(tier, "retry", None)
        for round_no in range(2, search.rounds + 1):
            left = _left(settings, len(tried))
            miss = closest_miss(tried[start:], trials[start:])
            if retry is None or left <= 0 or miss is None or (deadline and deadline.passed()):
                break
            stage(f"Round {round_no} with {tier.name}: showing it why {miss[0].id} failed")
            start = len(tried)
            skip = failed()
            if batch(tier, retry(task, miss[0], feedback_of(miss[1]), _more(left, skip)),
                     deadline, left, skip):
                return tried, trials
    return tried, trials


def unseen(candidates: Iterator[Candidate], snapshot: Snapshot, failed: AbstractSet[str],
           skipped: Callable[[Candidate, str], None] | None = None) -> Iterator[Candidate]:
    """``candidates`` less those whose patched files are, by AST, a program that already
    failed (``failed``: ``normalized_patch`` keys), each told to ``skipped`` with its key. A
    copy of a plausible one is still tried: it is a vote for it. One without edits, or whose
    edits do not apply, passes, for its trial to say so."""
    for cand in candidates:
        if not failed or cand.error or not cand.edits:
            yield cand
            continue
        touched = {e.path for e in cand.edits}
        old = {p: t for p in touched if (t := snapshot.read(p)) is not None}
        try:
            key = normalized_patch(apply_edits(old, cand.edits))
        except HomeostasisError:
            key = ""
        if key not in failed:
            yield cand
        elif skipped is not None:
            skipped(cand, key)


def _more(left: int, skippable: AbstractSet[str]) -> int:
    """What to ask a tier for to get ``left`` new candidates when ``skippable`` may come back
    (the engine yields distinct programs, so at most that many are skipped)."""
    return min(sys.maxsize, left + len(skippable))


def _left(settings: Settings, tried: int) -> int:
    """Candidates the cap still allows (no cap: as many as there may be)."""
    return sys.maxsize if settings.candidates is None else settings.candidates - tried
