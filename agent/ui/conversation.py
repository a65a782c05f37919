"""The conversation after each round of ``homeostasis fix`` on a terminal.

A prompt ending in ``> `` takes a command — ``y`` apply the fix shown, ``n``/``p`` next and
previous fix, ``diff``, ``explain``, ``test`` (run the suite again on the fix shown), ``undo``
(put back what ``y`` wrote), ``runs`` (this project's run history), ``help``, ``q`` — and takes
any other text as a hint: :func:`converse` then returns it, for the loop to run a new round
with it. What the commands do to the project (apply, test, undo, list the runs) is the loop's:
it hands them in as :class:`Actions`, so this module only talks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from homeostasis.core.errors import HomeostasisError, Interrupted
from homeostasis.core.records import Candidate, Ranking, Trial
from homeostasis.ui.console import Console

HELP = """\
  y, apply      apply the fix shown to your files (undo puts them back)
  n, next       show the next fix;  p, prev: the previous one
  d, diff       the fix's diff again
  e, explain    why this fix: the template's or the model's rationale, and its evidence
  t, test       run the whole test suite again on the fix shown
  u, undo       put back the files the fix you applied replaced
  r, runs       this project's earlier runs
  h, help       this list
  q, quit       leave (Ctrl-D and, once a fix is applied, Ctrl-C too; Ctrl-C before
                anything is applied stops the run and changes nothing)
  anything else is a hint, e.g. "the bug is in check_stock", "pricing.py:12",
  "quantities are inclusive": a new round of fixes with it"""

_COMMANDS: dict[str, str] = {
    **dict.fromkeys(("y", "yes", "apply"), "apply"),
    **dict.fromkeys(("n", "next"), "next"),
    **dict.fromkeys(("p", "prev", "previous"), "previous"),
    **dict.fromkeys(("d", "diff"), "diff"),
    **dict.fromkeys(("e", "explain", "why"), "explain"),
    **dict.fromkeys(("t", "test"), "test"),
    **dict.fromkeys(("u", "undo"), "undo"),
    **dict.fromkeys(("r", "runs"), "runs"),
    **dict.fromkeys(("h", "help", "?"), "help"),
    **dict.fromkeys(("q", "quit", "exit"), "quit"),
}


class Actions(Protocol):
    """What the conversation's commands do to the project; errors are
    :class:`HomeostasisError`\\ s, said in one line and the conversation goes on."""

    @property
    def applied(self) -> str | None:
        """The id of the fix applied in this conversation and not undone, if any."""

    def apply(self, candidate_id: str) -> str:
        """Apply the fix; a line saying what changed."""

    def undo(self) -> str:
        """Put back what :meth:`apply` wrote; a line saying what was restored."""

    def retest(self, candidate_id: str) -> Trial:
        """The fix tried again: the failing tests, then the whole suite."""

    def runs(self) -> str:
        """The project's run history, a few lines."""


@dataclass(frozen=True)
class Round:
    """What a round found: the ranked fixes, every candidate and trial so far by id."""

    ranking: Ranking
    candidates: Mapping[str, Candidate]
    trials: Mapping[str, Trial]


def converse(console: Console, found: Round, actions: Actions) -> str | None:
    """Talk about ``found`` until the user leaves (None) or gives a hint (returned)."""
    ranked = found.ranking.ranked
    shown = 0

    def current() -> Candidate | None:
        return found.candidates[ranked[shown].candidate_id] if ranked else None

    def show() -> None:
        cand = current()
        if cand is not None:
            console.show_candidate(cand, ranked[shown])

    def apply() -> None:
        cand = current()
        if cand is not None:
            console.say(actions.apply(cand.id))
            console.say("  undo puts the old bytes back; q leaves")

    def move(step: int) -> None:
        nonlocal shown
        if not ranked:
            return
        if not 0 <= shown + step < len(ranked):
            console.say("  no more fixes that way" if len(ranked) > 1 else "  the only fix")
            return
        shown += step
        show()

    def explain() -> None:
        cand = current()
        if cand is not None:
            console.explain(cand, ranked[shown], found.trials[cand.id])

    def retest() -> None:
        cand = current()
        if cand is not None:
            console.say(f"  testing {cand.id} again…")
            trial = actions.retest(cand.id)
            console.say(f"  {trial.status}: {trial.reason} ({trial.duration:.1f}s)")

    def diff() -> None:
        cand = current()
        if cand is not None:
            console.show_diff(cand.diff)

    act: dict[str, Callable[[], None]] = {
        "apply": apply, "next": lambda: move(1), "previous": lambda: move(-1),
        "explain": explain, "test": retest, "diff": diff,
        "undo": lambda: console.say(actions.undo()),
        "runs": lambda: console.say(actions.runs()),
        "help": lambda: console.say(HELP),
    }
    needs_fix = {"apply", "next", "previous", "explain", "test", "diff"}
    console.say("Type a command (h for help) or a hint for another round.")
    while True:
        where = f"#{ranked[shown].rank} of {len(ranked)}" if ranked else "no fix"
        try:
            text = console.ask(f"homeostasis [{where}] > ").strip()
        except EOFError:  # Ctrl-D, or input closed: the same as quit
            console.say()
            return None
        except KeyboardInterrupt as exc:
            # Before an apply, Ctrl-C stops the run as it always does (nothing was touched);
            # SIGTERM or SIGHUP always stop it (the loop records what stays applied)
            if actions.applied is None or isinstance(exc, Interrupted):
                raise
            console.say(f"\n  stopped; {actions.applied} stays applied (undo puts it back)")
            return None
        command = _COMMANDS.get(text.lower())
        if not text:
            continue
        if command == "quit":
            return None
        if command is None:
            if actions.applied is not None:
                console.say(f"  {actions.applied} is applied: undo it first to look for "
                            "another fix (the new round would start from the old files)")
                continue
            return text
        if command in needs_fix and not ranked:
            console.say("  no fix to show: type a hint for another round, or q")
            continue
        try:
            act[command]()
        except HomeostasisError as exc:
            console.say(f"  {exc}")
