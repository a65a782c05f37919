"""The report of a ``homeostasis ci`` run, in Markdown: for the job's summary, and as the body
of the pull request or comment that carries a fix.

It says what happened (the status and one sentence), the diagnosis (the failing tests, what
they raised, the suspected lines), the fix (its diff and its score, part by part), the tests
(failing tests now passing, passing tests kept, flaky ones left out) and the cost. It is built
from the run's own records (``.homeostasis/runs/<id>/``). Text that comes from the project or
its tests (messages, test names, paths) is put in code spans and fenced blocks whose fences
are longer than any run of backticks inside, so it is shown, never read as Markdown: no
mention, link or HTML of a test's output reaches the page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from homeostasis.commands.ci.event import Failing
from homeostasis.commands.ci.triage import Triage
from homeostasis.core.records import Suspect, Trial, from_json
from homeostasis.loop import RunResult

#: GitHub refuses a pull request or comment body longer than 65,536 characters.
BODY_LIMIT = 60_000
#: How much of a diff the report shows; the rest is in the run's records (winner.diff).
DIFF_CHARS = 40_000
_SHOWN_FAILURES = 10
_SHOWN_SUSPECTS = 5
_MESSAGE_CHARS = 200
_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True)
class Records:
    """What the report reads of a run: its suspects, the trials, what a model cost."""

    suspects: tuple[Suspect, ...] = ()
    trials: tuple[Trial, ...] = ()
    usage: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def read(cls, run_dir: Path) -> Records:
        """The records of the run in ``run_dir`` (those it did not write are empty)."""
        suspects = _json(run_dir / "suspects.json") or []
        trials_file = run_dir / "trials.jsonl"
        trials = [json.loads(line) for line in trials_file.read_text(encoding="utf-8")
                  .splitlines() if line.strip()] if trials_file.is_file() else []
        usage = _json(run_dir / "usage.json") or {}
        return cls(tuple(from_json(Suspect, s) for s in suspects),
                   tuple(from_json(Trial, t) for t in trials),
                   usage if isinstance(usage, dict) else {})

    @property
    def dollars(self) -> float:
        return float(self.usage.get("dollars") or 0.0)


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


@dataclass(frozen=True)
class Report:
    """Everything the report says. ``delivery`` lines say where the fix went; ``notes`` are
    anything else the reader should know (an untrusted pull request, a comment not made)."""

    status: str
    headline: str
    failing: Failing | None = None
    repository: str = ""
    triage: Triage | None = None
    result: RunResult | None = None
    records: Records = field(default_factory=Records)
    fingerprint: str = ""
    delivery: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def markdown(self) -> str:
        """The whole report, cut to what a pull request body can hold."""
        parts = [self._head(), *self._diagnosis(), *self._fix(), *self._tests(),
                 *self._cost(), self._foot()]
        text = "\n\n".join(p for p in parts if p) + "\n"
        if len(text) > BODY_LIMIT:
            text = text[:BODY_LIMIT] + "\n\n… (cut: the whole report is in the run's records)\n"
        return text

    # ── parts ──

    def _head(self) -> str:
        lines = [f"## Homeostasis: {self.status}", "", plain(self.headline)]
        failing = self.failing
        if failing is not None:
            where = f" on {code(failing.branch)}" if failing.branch else ""
            run = f" ([the failing run]({failing.run_url}))" if failing.run_url else ""
            lines += ["", f"Failure at {code(failing.commit[:12])}{where}{run}."]
        if self.triage is not None and not self.triage.repair:
            lines += ["", f"**Triage:** {self.triage.verdict}: {plain(self.triage.detail)}"]
        if self.delivery:
            lines += ["", *(f"- {line}" for line in self.delivery)]
        for note in self.notes:
            lines += ["", f"> {plain(note)}"]
        return "\n".join(lines)

    def _diagnosis(self) -> list[str]:
        baseline = self.result.baseline if self.result else None
        if baseline is None or not baseline.failures:
            return []
        lines = ["### Diagnosis", "", f"Failing here ({len(baseline.failures)}):"]
        for failure in baseline.failures[:_SHOWN_FAILURES]:
            said = first_line(failure.message)
            raised = f"{failure.exc_type}: {said}" if said else failure.exc_type
            lines.append(f"- {code(failure.test_id)}: {code(raised)}")
        if len(baseline.failures) > _SHOWN_FAILURES:
            lines.append(f"- and {len(baseline.failures) - _SHOWN_FAILURES} more")
        if self.records.suspects:
            lines += ["", "Suspected lines:"]
            for s in self.records.suspects[:_SHOWN_SUSPECTS]:
                where = f"{s.path}:{s.line}" + (f" in {s.function}" if s.function else "")
                lines.append(f"- {code(where)}, {s.score:.2f} by {s.source}: "
                             f"{plain(first_line(s.reason))}")
        return ["\n".join(lines)]

    def _fix(self) -> list[str]:
        fix = self.result.fix if self.result else None
        if fix is None:
            return []
        cand = fix.candidate
        diff = cand.diff if len(cand.diff) <= DIFF_CHARS else (
            cand.diff[:DIFF_CHARS] + "\n… (cut; the whole diff is winner.diff in the run's "
            "records)\n")
        lines = ["### The fix", "", f"Candidate {code(cand.id)} ({cand.proposer}): "
                 f"{code(first_line(cand.description, 300))}", "", fenced(diff, "diff")]
        ranking = self.result.ranking if self.result else None
        ranked = next((r for r in ranking.ranked if r.candidate_id == cand.id),
                      None) if ranking else None
        if ranking is not None and ranked is not None:
            lines += ["", f"**Score:** {ranked.score.total:g}, ranked {ranked.rank} of "
                          f"{len(ranking.ranked)}: {plain(ranked.score.explanation)}"]
        return ["\n".join(lines)]

    def _tests(self) -> list[str]:
        result = self.result
        baseline = result.baseline if result else None
        if result is None or baseline is None:
            return []
        lines = ["### Tests", ""]
        if result.fix is not None:
            trial = next((t for t in self.records.trials
                          if t.candidate_id == result.fix.candidate.id), None)
            if trial is not None:
                fixed = sorted(t for t, ok in trial.fail_to_pass.items() if ok)
                lines.append(f"- failing before, passing with the fix: {len(fixed)} of "
                             f"{len(trial.fail_to_pass)}"
                             + (f" ({', '.join(code(t) for t in fixed[:10])})" if fixed else ""))
                kept = len(baseline.passing_ids) - len(trial.pass_to_pass_broken)
                lines.append(f"- passing before, still passing: {kept} of "
                             f"{len(baseline.passing_ids)}")
        else:
            lines.append(f"- collected {baseline.collected}, failing "
                         f"{len(baseline.failing_ids)}, passing {len(baseline.passing_ids)}")
        flaky = list(baseline.flaky)
        if flaky:
            lines.append("- flaky, left out: " + ", ".join(code(f.describe()) for f in flaky[:10]))
        if len(lines) == 2:
            return []
        return ["\n".join(lines)]

    def _cost(self) -> list[str]:
        if self.result is None:
            return []
        usage = self.records.usage
        if not usage:
            return ["### Cost\n\nNo model was asked: the offline engine only (no cost)."]
        return ["### Cost\n\n"
                f"{usage.get('calls', 0)} model call(s), {usage.get('input_tokens', 0)} prompt "
                f"and {usage.get('output_tokens', 0)} reply tokens, "
                f"${self.records.dollars:.4f}"]

    def _foot(self) -> str:
        parts = []
        if self.result is not None:
            parts.append(f"Homeostasis run {code(self.result.run_id)}")
        if self.fingerprint:
            parts.append(f"failure fingerprint {code(self.fingerprint)}")
        return "<sub>" + " · ".join(parts) + "</sub>" if parts else ""


def cost(records: Records) -> str:
    """The run's model cost in dollars, as the ``cost`` output gives it."""
    return f"{records.dollars:.4f}"


# ── text from the project, shown as text ─────────────────────────────────────────────────────


def first_line(text: str, chars: int = _MESSAGE_CHARS) -> str:
    """The first non-blank line of ``text``, cut to ``chars``."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= chars else line[: chars - 1] + "…"


def code(text: str) -> str:
    """``text`` as an inline code span: on one line, fenced by more backticks than it holds."""
    one = " ".join(text.split())
    longest = max((len(m) for m in _BACKTICKS.findall(one)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if one.startswith("`") or one.endswith("`") or not one else ""
    return f"{ticks}{pad}{one}{pad}{ticks}"


def fenced(text: str, info: str = "") -> str:
    """``text`` as a fenced code block whose fence no line of ``text`` can close."""
    longest = max((len(m) for m in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text.rstrip(chr(10))}\n{fence}"


def plain(text: str) -> str:
    """Our own words around project text: on one line, with the characters Markdown and
    HTML act on within a line escaped (``@`` too, so no one is mentioned). Never used at the
    start of a line, where ``#``, ``-`` or ``>`` would start a block."""
    one = " ".join(text.split())
    return re.sub(r"([\\`*_{}\[\]<>()+!|@~])", r"\\\1", one)

