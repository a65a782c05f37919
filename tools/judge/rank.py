"""Rank plausible candidates by an explainable score.

Test evidence first, then votes (how many candidates normalise to the same patch, as in
Agentless), then a smaller diff, less a penalty for edits of a shape known to pass tests
without fixing the fault (the anti-patterns of search-based repair, Tan et al. 2016, listed in
:mod:`.overfitting`: a special case keyed on a test's input, a condition made constant, an
early exit not tied to the failure, a deleted statement), which the proposer names in
``Candidate.overfit``. The penalty outweighs a vote and a few lines, so that any plausible fix
of another shape is preferred; the proposer's own order breaks the remaining ties.
Every part of the score is kept and shown to the user, so a ranking can always be explained.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from homeostasis.core.diff import changed_lines
from homeostasis.core.records import Candidate, Ranked, Ranking, ScoreBreakdown, Trial

TEST_WEIGHT = 100.0
VOTE_WEIGHT = 10.0
LINE_WEIGHT = 1.0
ANTI_PATTERN_WEIGHT = 15.0

def score(trial: Trial, votes: int, diff_lines: int, risk: str = "") -> ScoreBreakdown:
    """The score of one trial, with each part named in ``explanation``; ``risk`` names an
    anti-pattern the patch follows."""
    total_f2p = len(trial.fail_to_pass)
    passed_f2p = sum(trial.fail_to_pass.values())
    tests = passed_f2p / total_f2p if total_f2p else 0.0
    if trial.pass_to_pass_broken:
        tests = 0.0
    penalty = ANTI_PATTERN_WEIGHT if risk else 0.0
    total = TEST_WEIGHT * tests + VOTE_WEIGHT * (votes - 1) - LINE_WEIGHT * diff_lines - penalty
    parts = [
        f"{passed_f2p}/{total_f2p} failing tests fixed, none broken "
        f"(+{TEST_WEIGHT * tests:g})",
        f"{votes} candidate(s) agree (+{VOTE_WEIGHT * (votes - 1):g})",
        f"{diff_lines} changed line(s) (-{LINE_WEIGHT * diff_lines:g})",
    ]
    if risk:
        parts.append(f"anti-pattern: {risk} (-{penalty:g})")
    return ScoreBreakdown(tests, votes, diff_lines, round(total, 3), "; ".join(parts), penalty)


def rank(candidates: Sequence[Candidate], trials: Sequence[Trial]) -> Ranking:
    """Rank the plausible candidates; the others are listed in ``rejected`` with their reason.

    Votes are counted over every candidate whose edits applied, plausible or not, so agreement
    between independent proposals counts even when only one copy survived.
    """
    by_id = {c.id: c for c in candidates}
    order = {c.id: i for i, c in enumerate(candidates)}
    votes = Counter(t.normalized for t in trials if t.normalized)
    scored: list[tuple[float, int, Trial, ScoreBreakdown]] = []
    rejected: dict[str, str] = {}
    seen: set[str] = set()
    for trial in trials:
        if trial.status != "plausible":
            rejected[trial.candidate_id] = f"{trial.status}: {trial.reason}"
            continue
        if trial.normalized in seen:
            rejected[trial.candidate_id] = "duplicate of a higher-ranked candidate"
            continue
        seen.add(trial.normalized)
        cand = by_id[trial.candidate_id]
        lines = changed_lines(cand.diff)
        breakdown = score(trial, votes[trial.normalized], lines, cand.overfit)
        scored.append((-breakdown.total, order[trial.candidate_id], trial, breakdown))
    scored.sort(key=lambda item: (item[0], item[1]))
    ranked = tuple(
        Ranked(t.candidate_id, i + 1, b) for i, (_, _, t, b) in enumerate(scored)
    )
    return Ranking(ranked, rejected)
