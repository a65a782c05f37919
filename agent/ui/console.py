"""What a person sees: progress while the run works, the diagnosis, the ranked candidates with
their diffs, and — on a terminal — a short conversation about which fix to apply."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

from homeostasis.core.records import (
    Candidate,
    Ranked,
    Ranking,
    Suspect,
    TestRun,
    Trial,
    TrialStatus,
)
from homeostasis.propose.llm.proposer import rationale

if TYPE_CHECKING:
    from homeostasis.models.stack import ModelStack

#: In a log (not a terminal): failed candidates shown line by line, then a count every N.
LOGGED_IN_FULL = 10
LOG_PROGRESS_EVERY = 25
_STATUS_MARK: dict[TrialStatus, str] = {
    "plausible": "✓", "failed": "✗", "rejected": "⊘", "error": "!", "contained": "■",
}


class Console:
    """Writes to ``out``; asks questions through ``ask`` when interactive."""

    def __init__(
        self,
        out: TextIO = sys.stdout,
        interactive: bool = False,
        ask: Callable[[str], str] = input,
        color: bool = False,
    ) -> None:
        self.out = out
        self.interactive = interactive
        self.ask = ask
        self.color = color
        self._transient = False

    def say(self, text: str = "") -> None:
        if self._transient:
            print("\r\033[K", end="", file=self.out)
            self._transient = False
        print(text, file=self.out, flush=True)

    def _status_line(self, text: str) -> None:
        """A line that the next output overwrites (terminals only)."""
        print(f"\r\033[K{text}", end="", file=self.out, flush=True)
        self._transient = True

    def stage(self, text: str) -> None:
        self.say(f"▸ {text}")

    def close(self) -> None:
        """Leave the terminal as it was found (nothing to do for plain text)."""

    def _paint(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.color else text

    def diagnosis(self, baseline: TestRun, suspects: Sequence[Suspect]) -> None:
        failing, passing = len(baseline.failing_ids), len(baseline.passing_ids)
        self.say(f"  {failing} failing, {passing} passing")
        for failure in baseline.failures[:5]:
            self.say(f"  {self._paint('FAIL', '31')} {failure.test_id}")
            self.say(f"       {failure.exc_type}: {_one_line(failure.message)}")
        if len(baseline.failures) > 5:
            self.say(f"  … and {len(baseline.failures) - 5} more")
        if suspects:
            self.say("  Suspects:")
            for s in suspects[:5]:
                self.say(f"    {s.score:4.2f}  {s.path}:{s.line}  [{s.source}] {s.reason}")

    def trial_done(self, cand: Candidate, trial: Trial, done: int) -> None:
        """A line per candidate. On a terminal only plausible ones stay on screen; in a log,
        the first few others are shown in full, then a count now and then (every trial is in
        the run's trials.jsonl)."""
        mark = _STATUS_MARK.get(trial.status, "?")
        if self.interactive and trial.status != "plausible":
            self._status_line(f"  [{done}] {mark} {cand.id} {trial.status}: "
                              f"{_one_line(trial.reason, 60)}")
            return
        if trial.status != "plausible" and done > LOGGED_IN_FULL:
            if done % LOG_PROGRESS_EVERY == 0:
                self.say(f"  … {done} candidates tried")
            return
        self.say(f"  [{done}] {mark} {cand.id} {trial.status}: {_one_line(trial.reason)}")

    def trials_summary(self, trials: Sequence[Trial]) -> None:
        counts = Counter(t.status for t in trials)
        parts = ", ".join(f"{counts[s]} {s}" for s in _STATUS_MARK if counts[s])
        self.say(f"  {len(trials)} candidate(s) tried: {parts or 'none'}")

    def model_usage(self, stack: ModelStack) -> None:
        """What the model calls cost, and what was kept from the model."""
        u = stack.usage()
        cached = f"; {u['cache_hits']} answered from the cache" if u["cache_hits"] else ""
        self.say(f"  Model: {u['calls']} call(s), {u['input_tokens']} tokens in and "
                 f"{u['output_tokens']} out, ${u['dollars']:.4f}{cached}")
        findings = stack.redacting.findings
        if findings:
            where = "; ".join(f"{f.where} line {f.line}: {f.kind}" for f in findings[:5])
            more = f" and {len(findings) - 5} more" if len(findings) > 5 else ""
            self.say(f"  {len(findings)} likely secret(s) redacted before sending ({where}"
                     f"{more})")

    def show_candidate(self, cand: Candidate, ranked: Ranked) -> None:
        self.say(f"\n#{ranked.rank} {cand.id} — {cand.description}")
        self.say(f"   score {ranked.score.total:g}: {ranked.score.explanation}")
        self.show_diff(cand.diff)

    def show_diff(self, diff: str) -> None:
        for line in diff.splitlines():
            code = "32" if line.startswith("+") else "31" if line.startswith("-") else ""
            self.say("   " + (self._paint(line, code) if code else line))

    def ranking(self, ranking: Ranking, candidates: Mapping[str, Candidate]) -> None:
        if not ranking.ranked:
            self.say("\nNo candidate passed the tests.")
            return
        self.say(f"\n{len(ranking.ranked)} plausible fix(es), best first:")
        for ranked in ranking.ranked[:3]:
            self.show_candidate(candidates[ranked.candidate_id], ranked)

    def explain(self, cand: Candidate, ranked: Ranked, trial: Trial) -> None:
        """Why this fix: what it changes, the template's or the model's rationale, the
        evidence of its trial and its score."""
        self.say(f"   what: {cand.description}")
        if cand.reply is not None:
            said = rationale(cand.reply.text) or "(the model gave no reason)"
            self.say(f"   the model ({cand.reply.model}) says:")
            for line in said.splitlines():
                self.say(f"     {line}")
        else:
            kind = f"the {cand.template} template" if cand.template else cand.proposer
            at = ("" if cand.suspect_score is None
                  else f", at a line suspected with score {cand.suspect_score:.2f}")
            self.say(f"   proposed by: {kind}{at}")
        if cand.overfit:
            self.say(f"   beware: {cand.overfit}")
        self.say(f"   trial: {trial.reason} ({trial.duration:.1f}s)")
        for test_id, ok in trial.fail_to_pass.items():
            self.say(f"     {'passes' if ok else 'fails '} {test_id}")
        self.say(f"   score: {ranked.score.explanation}")


def _one_line(text: str, width: int = 160) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"
