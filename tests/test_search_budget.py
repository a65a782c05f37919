"""The search's stops and filters, through the real offline engine and local sandbox on a tiny
project, with only the clock faked: the time budget ends the engine's tier, a program already
tried (by AST) is not tried again whichever tier proposes it, the engine hears every trial,
and after the first fix the search goes on for alternatives as long again as it took."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import edit_reply, write_project
from homeostasis.core.config import Settings
from homeostasis.core.records import Candidate, Context, Edit, Suspect, Trial
from homeostasis.models.mock import ScriptedModel
from homeostasis.propose.base import Deadline, RepairTask
from homeostasis.propose.llm.proposer import LLMProposer
from homeostasis.propose.templates.engine import TemplateProposer
from homeostasis.search import Search, run_search
from homeostasis.tools.observe.runner import TestCommand, run_tests
from homeostasis.tools.sandbox.local.sandbox import LocalSandbox
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.trial.candidate import TrialPlan
from homeostasis.tools.trial.parallel import EXPLORE_AFTER_FIRST_FIX, alternatives, trial_all

GREETING = 'def greet(name):\n    return "Hi " + name\n'
TESTS = ('from greeting import greet\n\n'
         'def test_greet():\n    assert greet("Ann") == "Hello, Ann!"\n\n'
         'def test_type():\n    assert isinstance(greet("Bo"), str)\n')


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Snapshot, LocalSandbox,
                                                                      TrialPlan]]:
    """A project no template can fix (the greeting's words are wrong), its snapshot, a
    sandbox and the plan of its real baseline run."""
    base = tmp_path_factory.mktemp("budget")
    project = write_project(base / "p", {"greeting.py": GREETING, "tests/test_greet.py": TESTS})
    snapshot = Snapshot.take(project, base / "snapshot")
    sandbox = LocalSandbox(base / "sandbox")
    command = TestCommand((sys.executable, "-m", "pytest"))
    with sandbox.workspace(snapshot) as ws:
        baseline = run_tests(ws, command, timeout=60)
    plan = TrialPlan(command, baseline.failing_ids, frozenset(), baseline.passing_ids,
                     baseline.collected, timeout=30.0)
    try:
        yield snapshot, sandbox, plan
    finally:
        sandbox.close()


def _task(snapshot: Snapshot) -> RepairTask:
    return RepairTask(snapshot.root, (), (Suspect("greeting.py", 2, 1.0, "sbfl", "r"),),
                      Context((), 0, 0))


def _search(world: tuple[Snapshot, LocalSandbox, TrialPlan], search: Search,
            settings: Settings, clock: FakeClock, step: float
            ) -> tuple[list[Candidate], list[Trial]]:
    snapshot, sandbox, plan = world

    def on_trial(_c: Candidate, _t: Trial, _n: int) -> None:
        clock.now += step  # each trial "takes" ``step`` seconds

    return run_search(search, _task(snapshot), sandbox, snapshot, plan, settings,
                      lambda _text: None, lambda _c: None, on_trial, clock=clock)


def test_the_time_budget_stops_the_engine(world: tuple[Snapshot, LocalSandbox, TrialPlan]
                                          ) -> None:
    clock = FakeClock()
    tried, trials = _search(world, Search((TemplateProposer(),)),
                            Settings(jobs=1, time_budget=25.0), clock, step=10.0)
    assert len(tried) == 3  # started at 0, 10 and 20 seconds; none at 30
    assert [t.status for t in trials] == ["failed"] * 3
    everything = list(TemplateProposer().propose(_task(world[0]), 10_000))
    assert len(everything) > 3  # the engine had more to offer


def test_without_a_cap_the_engine_runs_until_it_has_nothing_left(
        world: tuple[Snapshot, LocalSandbox, TrialPlan]) -> None:
    tried, _ = _search(world, Search((TemplateProposer(),)),
                       Settings(jobs=2, time_budget=1000.0), FakeClock(), step=1.0)
    assert len(tried) == len(list(TemplateProposer().propose(_task(world[0]), 10_000)))
    capped, _ = _search(world, Search((TemplateProposer(),)),
                        Settings(jobs=2, time_budget=1000.0, candidates=4), FakeClock(), 1.0)
    assert len(capped) == 4


def test_a_program_already_tried_is_not_tried_again_from_another_tier(
        world: tuple[Snapshot, LocalSandbox, TrialPlan]) -> None:
    engine_tried = [c for c in TemplateProposer().propose(_task(world[0]), 10_000)]
    same = next(c for c in engine_tried if '"Hi " - name' in c.edits[0].replace)
    # the model writes the engine's edit with other spacing, then the right fix
    twin = edit_reply("greeting.py", '    return "Hi " + name', '    return "Hi "-name')
    right = edit_reply("greeting.py", '    return "Hi " + name', '    return f"Hello, {name}!"')
    model = ScriptedModel([twin, right])
    llm = LLMProposer(model, samples=2)
    tried, trials = _search(world, Search((TemplateProposer(), llm), untimed=(llm,)),
                            Settings(jobs=2, time_budget=1000.0), FakeClock(), 1.0)
    models = [c for c in tried if c.proposer == "llm"]
    assert [c.edits[0].replace for c in models] == ['    return f"Hello, {name}!"\n']
    assert same.id in {c.id for c in tried}
    assert trials[-1].status == "plausible"


def test_the_engine_hears_every_trial_of_its_candidates(
        world: tuple[Snapshot, LocalSandbox, TrialPlan]) -> None:
    heard: list[tuple[str, str]] = []

    class Listening(TemplateProposer):
        def observe(self, candidate: Candidate, trial: Trial) -> None:
            heard.append((candidate.id, trial.status))
            super().observe(candidate, trial)

    tried, trials = _search(world, Search((Listening(),)),
                            Settings(jobs=2, time_budget=1000.0, candidates=5), FakeClock(), 1)
    assert sorted(heard) == sorted((c.id, t.status) for c, t in zip(tried, trials, strict=True))


def test_after_the_first_fix_the_search_goes_on_as_long_again(
        world: tuple[Snapshot, LocalSandbox, TrialPlan]) -> None:
    """A first fix found late leaves room for a better one found after it: with 22 failed
    candidates before it, the 23rd after it is still tried (a fixed 20 would not reach it)."""
    snapshot, sandbox, plan = world

    def cand(cid: str, body: str) -> Candidate:
        return Candidate(cid, "hand", (Edit("greeting.py", '    return "Hi " + name',
                                            body),), cid)

    wrong = [cand(f"w{i:02d}", f'    return "Hi{i} " + name') for i in range(44)]
    first = cand("fix1", '    return "Hello, " + name + "!"')
    second = cand("fix2", '    return f"Hello, {name}!"')
    order = [*wrong[:22], first, *wrong[22:], second]
    tried, trials = trial_all(sandbox, snapshot, order, plan, Settings(jobs=1, enough=3),
                              lambda c: None, lambda c, t, n: None)
    assert [t.candidate_id for t in trials if t.status == "plausible"] == ["fix1", "fix2"]
    assert len(tried) == 23 + alternatives(23) == 46
    assert alternatives(3) == EXPLORE_AFTER_FIRST_FIX


def test_a_deadline_measures_its_share_on_its_own_clock() -> None:
    clock = FakeClock()
    deadline = Deadline.starting_now(30.0, clock)
    assert deadline.spent() == 0 and not deadline.passed()
    clock.now += 20
    assert deadline.spent() == pytest.approx(2 / 3) and not deadline.passed()
    clock.now += 10
    assert deadline.passed()


def test_the_engine_turns_to_pairs_when_two_thirds_of_its_time_are_spent(
        tmp_path: Path) -> None:
    """Single edits until two thirds of the time are spent; then the pairs a half fix points
    at, until five sixths are; then single edits again."""
    code = "def f(a, b):\n    x = a - b\n    return x * 2\n"
    (tmp_path / "m.py").write_text(code, encoding="utf-8")
    clock = FakeClock()
    task = RepairTask(tmp_path, (), (Suspect("m.py", 2, 1.0, "sbfl", "r"),
                                     Suspect("m.py", 3, 0.9, "sbfl", "r")), Context((), 0, 0),
                      deadline=Deadline.starting_now(30.0, clock))
    proposer = TemplateProposer()
    rounds = []
    for candidate in proposer.propose(task, 10_000):
        rounds.append(candidate.round)
        if len(rounds) == 1:  # it made one of the two failing tests pass
            proposer.observe(candidate, Trial(candidate.id, "failed", "still failing",
                                              {"t::one": True, "t::two": False}))
        if len(rounds) == 3:
            clock.now += 20  # two thirds of the budget are gone
        if len(rounds) == 6:
            clock.now += 6  # five sixths
    assert rounds[:6] == [1, 1, 1, 2, 2, 2]
    assert rounds[6] == 1  # the rest of the single edits come after the pairs


def test_skipped_programs_do_not_use_up_the_cap(
        world: tuple[Snapshot, LocalSandbox, TrialPlan]) -> None:
    """A resumed run (or a later round) with ``--candidates 3`` tries three new programs:
    the engine is asked for more, and the three it proposed first, already tried, are
    skipped and told."""
    snapshot, sandbox, plan = world
    settings = Settings(jobs=2, time_budget=1000.0, candidates=3)
    first, first_trials = _search(world, Search((TemplateProposer(),)), settings,
                                  FakeClock(), 1.0)
    assert len(first) == 3
    earlier = frozenset(t.normalized for t in first_trials)
    skipped: list[str] = []
    again, trials = run_search(Search((TemplateProposer(),)), _task(snapshot), sandbox,
                               snapshot, plan, settings, lambda _text: None,
                               lambda _c: None, lambda _c, _t, _n: None, clock=FakeClock(),
                               seen=earlier, on_skip=lambda _c, key: skipped.append(key))
    assert len(again) == 3
    assert not {t.normalized for t in trials} & earlier
    assert sorted(skipped) == sorted(earlier)
