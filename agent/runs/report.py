"""The short Markdown report written at the end of every run (``report.md``)."""

from __future__ import annotations

from collections.abc import Sequence

from homeostasis.core.records import Candidate, Flaky, Outcome, Ranking, Trial


def render_report(
    run_id: str,
    outcome: Outcome,
    ranking: Ranking | None,
    candidates: Sequence[Candidate],
    trials: Sequence[Trial],
    flaky: Sequence[Flaky] = (),
) -> str:
    """A human-readable account of the run: outcome, the flaky tests left out, the ranked
    fixes with their scores, and every candidate with what became of it."""
    lines = [f"# Homeostasis run {run_id}", "", f"**Outcome:** {outcome.status} — {outcome.detail}"]
    if flaky:
        lines += ["", "## Flaky tests (left out of the judging)", ""]
        lines += [f"- `{f.test_id}`: passed {f.passed} of {f.runs} runs" for f in flaky]
    by_id = {c.id: c for c in candidates}
    if ranking and ranking.ranked:
        lines += ["", "## Ranked fixes", ""]
        for r in ranking.ranked:
            cand = by_id[r.candidate_id]
            lines.append(f"{r.rank}. `{cand.id}` ({cand.proposer}) {cand.description}  ")
            lines.append(f"   score {r.score.total:g}: {r.score.explanation}")
        winner = by_id.get(outcome.candidate_id or "")
        if winner:
            lines += ["", "## Chosen patch", "", "```diff", winner.diff.rstrip("\n"), "```"]
    if trials:
        lines += ["", "## All candidates", "", "| candidate | status | reason |", "|---|---|---|"]
        for t in trials:
            reason = t.reason.replace("|", "\\|").replace("\n", " ")[:200]
            lines.append(f"| `{t.candidate_id}` | {t.status} | {reason} |")
    return "\n".join(lines) + "\n"
