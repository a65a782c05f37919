"""The records that flow between the stages of the healing cycle.

    observe ─▶ diagnose ─▶ propose ─▶ trial ─▶ judge ─▶ deploy
    TestRun    Suspect     Candidate  Trial    Ranking  Outcome
    Failure    Context

Every record is a frozen dataclass that turns into plain JSON with :func:`to_json` and back with
``from_json(cls, data)``. Paths inside records are always POSIX paths relative to the project
root, so a record made in one checkout (or one sandbox) means the same in another.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

T = TypeVar("T")


# ── observe ──────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Frame:
    """One frame of a traceback. ``path`` is project-relative when ``in_project`` is true."""

    path: str
    line: int
    function: str
    in_project: bool
    is_test: bool = False
    source: str = ""


#: ``flaky``: failed and passed in runs of the same code (see :class:`Flaky`).
TestOutcome = Literal["passed", "failed", "error", "skipped", "flaky"]


@dataclass(frozen=True)
class TestResult:
    """The outcome of one test (or one collection error, whose ``test_id`` is the file path)."""

    __test__ = False  # not a pytest test class

    test_id: str
    outcome: TestOutcome
    duration: float = 0.0
    collection_error: bool = False


@dataclass(frozen=True)
class Failure:
    """A failing test with what it raised and where."""

    test_id: str
    exc_type: str
    message: str
    frames: tuple[Frame, ...] = ()
    output: str = ""
    collection_error: bool = False

    @property
    def project_frames(self) -> tuple[Frame, ...]:
        return tuple(f for f in self.frames if f.in_project)


RunStatus = Literal[
    "ok", "timeout", "error", "not_found", "interrupted",
    # a limit of the sandbox stopped or broke the run (tools/sandbox/limits.py)
    "oom", "pid_limit", "disk_full", "output_truncated", "network_blocked",
]
#: The statuses of a run that the sandbox contained: never a mere test failure.
CONTAINED: frozenset[str] = frozenset(
    {"timeout", "oom", "pid_limit", "disk_full", "output_truncated", "network_blocked"})


@dataclass(frozen=True)
class Flaky:
    """A test whose result changed between runs of the same code: left out of the tests a
    fix is judged by, and named in the report."""

    test_id: str
    passed: int
    runs: int

    def describe(self) -> str:
        return f"{self.test_id} (flaky: passed {self.passed} of {self.runs} runs)"


@dataclass(frozen=True)
class TestRun:
    """What one run of the test command showed.

    ``status`` is ``ok`` whenever the command ran to completion, whether tests failed or not;
    anything else means the results are incomplete and ``detail`` says why.
    """

    __test__ = False  # not a pytest test class

    status: RunStatus
    results: tuple[TestResult, ...] = ()
    failures: tuple[Failure, ...] = ()
    returncode: int | None = None
    duration: float = 0.0
    output: str = ""
    detail: str = ""
    #: Tests of this run found flaky when run again (their outcome here is ``flaky``).
    flaky: tuple[Flaky, ...] = ()

    @property
    def failing_ids(self) -> tuple[str, ...]:
        return tuple(r.test_id for r in self.results if r.outcome in ("failed", "error"))

    @property
    def passing_ids(self) -> tuple[str, ...]:
        return tuple(r.test_id for r in self.results if r.outcome == "passed")

    @property
    def collected(self) -> int:
        return sum(1 for r in self.results if not r.collection_error)


# ── diagnose ─────────────────────────────────────────────────────────────────────────────────

SuspectSource = Literal["traceback", "sbfl", "callgraph", "syntax", "hint"]


@dataclass(frozen=True)
class Suspect:
    """A place that may hold the fault; higher ``score`` is more suspicious (0..1)."""

    path: str
    line: int
    score: float
    source: SuspectSource
    reason: str
    function: str = ""


@dataclass(frozen=True)
class Snippet:
    """A piece of source shown to a proposer: ``text`` covers lines ``start``..``end``."""

    path: str
    start: int
    end: int
    text: str
    kind: Literal["suspect", "test", "definition"]
    name: str = ""


@dataclass(frozen=True)
class Context:
    """The token-budgeted source a proposer sees."""

    snippets: tuple[Snippet, ...]
    tokens: int
    budget: int
    dropped: int = 0


# ── propose ──────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Edit:
    """Replace the one occurrence of ``search`` in ``path`` with ``replace``."""

    path: str
    search: str
    replace: str


@dataclass(frozen=True)
class ModelReply:
    """The model reply a candidate was read from."""

    model: str
    sample: int
    """Which of the request's replies (0 for the first)."""
    text: str
    finish_reason: str
    input_tokens: int = 0
    output_tokens: int = 0
    cost: float = 0.0


@dataclass(frozen=True)
class Candidate:
    """A proposed fix: a set of edits and, in words, what it changes and why.

    ``round`` is the search round it belongs to: a later round is tried only when the earlier
    ones found nothing plausible. ``overfit`` says why its kind of edit is known to pass tests
    without fixing the fault ("" when it is not), for the ranking to penalise. The template
    engine also records the kind of edit (``template``) and its suspect's score; a model's
    candidates record the ``reply`` they came from and the candidate they retry, if any.
    """

    id: str
    proposer: str
    edits: tuple[Edit, ...]
    description: str
    diff: str = ""
    error: str = ""
    round: int = 1
    overfit: str = ""
    template: str = ""
    suspect_score: float | None = None
    reply: ModelReply | None = None
    retry_of: str = ""


# ── trial / judge ────────────────────────────────────────────────────────────────────────────

TrialStatus = Literal["plausible", "failed", "rejected", "error", "contained"]


@dataclass(frozen=True)
class Trial:
    """What happened when a candidate was tried in a sandbox."""

    candidate_id: str
    status: TrialStatus
    reason: str
    fail_to_pass: dict[str, bool] = field(default_factory=dict)
    pass_to_pass_broken: tuple[str, ...] = ()
    collected: int | None = None
    duration: float = 0.0
    runs: tuple[TestRun, ...] = ()
    normalized: str = ""
    #: For ``contained`` trials: the limit the candidate's run hit (a :data:`CONTAINED` status).
    limit: str = ""
    #: Passing tests this candidate's run failed that passed when run again: not held against it.
    flaky: tuple[Flaky, ...] = ()


@dataclass(frozen=True)
class ScoreBreakdown:
    """An explainable score: each part named, summed into ``total``."""

    tests: float
    votes: int
    diff_lines: int
    total: float
    explanation: str
    penalty: float = 0.0


@dataclass(frozen=True)
class Ranked:
    candidate_id: str
    rank: int
    score: ScoreBreakdown


@dataclass(frozen=True)
class Ranking:
    ranked: tuple[Ranked, ...]
    rejected: dict[str, str] = field(default_factory=dict)


# ── deploy ───────────────────────────────────────────────────────────────────────────────────

OutcomeStatus = Literal["applied", "refused", "declined", "dry_run", "no_fix", "nothing_to_fix"]


@dataclass(frozen=True)
class Outcome:
    status: OutcomeStatus
    detail: str
    candidate_id: str | None = None
    files: tuple[str, ...] = ()


# ── JSON ─────────────────────────────────────────────────────────────────────────────────────


def to_json(record: Any) -> Any:
    """Turn a record (or a list/dict of records) into plain JSON-able values."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_json(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_json(item) for item in record]
    if isinstance(record, dict):
        return {str(k): to_json(v) for k, v in record.items()}
    return record


def from_json(cls: type[T], data: Any) -> T:
    """Rebuild a record of type ``cls`` from what :func:`to_json` produced."""
    return typing.cast(T, _build(cls, data))


def _build(tp: Any, data: Any) -> Any:
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        kwargs = {
            f.name: _build(hints[f.name], data[f.name])
            for f in dataclasses.fields(tp)
            if f.name in data
        }
        return tp(**kwargs)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is tuple:
        inner = args[0] if args else Any
        return tuple(_build(inner, item) for item in data)
    if origin is list:
        return [_build(args[0], item) for item in data]
    if origin is dict:
        return {k: _build(args[1], v) for k, v in data.items()}
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        real = [a for a in args if a is not type(None)]
        return _build(real[0], data) if len(real) == 1 else data
    return data
