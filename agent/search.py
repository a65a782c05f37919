"""The search for a fix across proposers: tiers tried in order until one finds a plausible fix,
and, for a proposer that can hold a conversation (the LLM), further rounds in which the test
output of its most promising failed candidate goes back to it.

With a model configured the tiers are the offline engine first (free, and it fixes most small
faults), then the model — only when the engine found nothing (``cascade``; off: the model
alone). The candidate budget is shared by all tiers and rounds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from homeostasis.core.config import Settings
from homeostasis.core.errors import ModelError
from homeostasis.core.records import Candidate, Trial
from homeostasis.models.catalog import window_of
from homeostasis.propose.base import Proposer, RepairTask, make_proposer
from homeostasis.propose.llm.fit import Window
from homeostasis.tools.sandbox.base import Sandbox
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.trial.candidate import TrialPlan
from homeostasis.tools.trial.parallel import trial_all

if TYPE_CHECKING:
    from homeostasis.models.stack import ModelStack

#: Test output sent back to the model in a conversational round (the tail is kept).
FEEDBACK_CHARS = 6000


@dataclass(frozen=True)
class Search:
    """The proposers of a run, in the order they are tried, the model rounds, and the model
    stack whose spending the run reports (None without a model)."""

    tiers: Sequence[Proposer]
    rounds: int = 1
    stack: ModelStack | None = None


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
    return Search(tiers, settings.rounds, stack)


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
) -> tuple[list[Candidate], list[Trial]]:
    """Every candidate tried and its trial, in order, across tiers and rounds."""
    tried: list[Candidate] = []
    trials: list[Trial] = []

    def until_model_error(candidates: Iterator[Candidate]) -> Iterator[Candidate]:
        """``candidates`` until the model cannot answer (a budget reached, an API error):
        that ends this tier, said once, and what was already tried still counts."""
        try:
            yield from candidates
        except ModelError as exc:
            stage(f"The model stopped: {exc}")

    def batch(candidates: Iterator[Candidate]) -> bool:
        """Trial ``candidates``; whether one is plausible."""
        done = len(trials)
        got, judged = trial_all(sandbox, snapshot, until_model_error(candidates), plan,
                                settings, on_candidate,
                                lambda c, t, n: on_trial(c, t, done + n))
        tried.extend(got)
        trials.extend(judged)
        return any(t.status == "plausible" for t in judged)

    for tier in search.tiers:
        left = settings.candidates - len(tried)
        if left <= 0:
            break
        stage(f"Proposing fixes with {tier.name}")
        start = len(tried)
        if batch(tier.propose(task, left)):
            break
        retry = getattr(tier, "retry", None)
        for round_no in range(2, search.rounds + 1):
            left = settings.candidates - len(tried)
            miss = closest_miss(tried[start:], trials[start:])
            if retry is None or left <= 0 or miss is None:
                break
            stage(f"Round {round_no} with {tier.name}: showing it why {miss[0].id} failed")
            start = len(tried)
            if batch(retry(task, miss[0], feedback_of(miss[1]), left)):
                return tried, trials
    return tried, trials
