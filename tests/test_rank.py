"""Ranking plausible candidates: tests, then votes, then diff size, then proposer order."""

from __future__ import annotations

import dataclasses

from homeostasis.core.diff import unified_diff
from homeostasis.core.records import Candidate, Edit, Trial
from homeostasis.tools.judge.rank import ANTI_PATTERN_WEIGHT, rank, score
from homeostasis.tools.trial.candidate import normalized_patch

OLD = "def add(a, b):\n    return a - b\n"


def _diff(lines: int) -> str:
    """A diff of ``lines`` removed and ``lines`` added lines (2 * lines changed lines)."""
    old = "".join(f"x{i} = {i}\n" for i in range(lines))
    new = "".join(f"x{i} = {i + 1}\n" for i in range(lines))
    return unified_diff("calc/ops.py", old, new)


def _cand(cid: str, lines: int = 1) -> Candidate:
    return Candidate(cid, "test", (Edit("calc/ops.py", "a", "b"),), f"fix {cid}",
                     diff=_diff(lines))


def _plausible(cid: str, norm: str, f2p: dict[str, bool] | None = None) -> Trial:
    return Trial(cid, "plausible", "ok", fail_to_pass=f2p or {"t::a": True}, normalized=norm)


def test_test_evidence_outranks_votes_and_diff_size() -> None:
    # "weak" only fixes half the failing tests (possible when a trial is judged partially);
    # it has a smaller diff and a vote more, but test evidence comes first.
    cands = [_cand("weak", 1), _cand("weak-twin", 1), _cand("strong", 5)]
    trials = [
        _plausible("weak", "n1", {"t::a": True, "t::b": False}),
        Trial("weak-twin", "failed", "still failing", normalized="n1"),
        _plausible("strong", "n2", {"t::a": True, "t::b": True}),
    ]
    ranking = rank(cands, trials)
    assert [r.candidate_id for r in ranking.ranked] == ["strong", "weak"]
    assert ranking.ranked[0].score.tests == 1.0
    assert ranking.ranked[1].score.tests == 0.5


def test_two_candidates_with_the_same_normalized_patch_outrank_a_single_one() -> None:
    cands = [_cand("single", 1), _cand("voted-a", 2), _cand("voted-b", 2)]
    trials = [_plausible("single", "n1"), _plausible("voted-a", "n2"),
              _plausible("voted-b", "n2")]
    ranking = rank(cands, trials)
    assert [r.candidate_id for r in ranking.ranked] == ["voted-a", "single"]
    assert [r.rank for r in ranking.ranked] == [1, 2]
    assert ranking.ranked[0].score.votes == 2
    assert ranking.ranked[1].score.votes == 1
    assert "voted-b" in ranking.rejected
    assert "duplicate" in ranking.rejected["voted-b"]
    assert "voted-a" not in ranking.rejected


def test_votes_count_non_plausible_candidates_with_the_same_patch() -> None:
    cands = [_cand("single", 1), _cand("voted", 2), _cand("voted-timeout", 2)]
    trials = [_plausible("single", "n1"), _plausible("voted", "n2"),
              Trial("voted-timeout", "failed", "tests timeout", normalized="n2")]
    ranking = rank(cands, trials)
    assert [r.candidate_id for r in ranking.ranked] == ["voted", "single"]
    assert ranking.rejected["voted-timeout"] == "failed: tests timeout"


def test_smaller_diff_wins_between_equal_evidence_and_votes() -> None:
    cands = [_cand("big", 4), _cand("small", 1)]
    trials = [_plausible("big", "n1"), _plausible("small", "n2")]
    ranking = rank(cands, trials)
    assert [r.candidate_id for r in ranking.ranked] == ["small", "big"]
    assert ranking.ranked[0].score.diff_lines == 2
    assert ranking.ranked[1].score.diff_lines == 8
    assert ranking.ranked[0].score.total > ranking.ranked[1].score.total


def test_proposer_order_breaks_remaining_ties() -> None:
    cands = [_cand("first", 1), _cand("second", 1), _cand("third", 1)]
    # Trials finish in a different order than the candidates were proposed.
    trials = [_plausible("third", "n3"), _plausible("second", "n2"), _plausible("first", "n1")]
    ranking = rank(cands, trials)
    assert [r.candidate_id for r in ranking.ranked] == ["first", "second", "third"]
    assert len({r.score.total for r in ranking.ranked}) == 1


def test_non_plausible_candidates_are_listed_with_status_and_reason() -> None:
    cands = [_cand("ok"), _cand("bad"), _cand("guarded"), _cand("broken")]
    trials = [
        _plausible("ok", "n1"),
        Trial("bad", "failed", "still failing: t::a"),
        Trial("guarded", "rejected", "edits test file tests/test_x.py"),
        Trial("broken", "error", "edits do not apply: no match"),
    ]
    ranking = rank(cands, trials)
    assert [r.candidate_id for r in ranking.ranked] == ["ok"]
    assert ranking.rejected == {
        "bad": "failed: still failing: t::a",
        "guarded": "rejected: edits test file tests/test_x.py",
        "broken": "error: edits do not apply: no match",
    }


def test_no_plausible_candidate_gives_an_empty_ranking() -> None:
    ranking = rank([_cand("a")], [Trial("a", "failed", "nope")])
    assert ranking.ranked == ()
    assert set(ranking.rejected) == {"a"}


def test_breakdown_explanation_names_its_parts() -> None:
    trial = _plausible("a", "n1", {"t::a": True, "t::b": True, "t::c": False})
    b = score(trial, votes=3, diff_lines=4)
    assert b.votes == 3
    assert b.diff_lines == 4
    assert abs(b.tests - 2 / 3) < 1e-9
    assert b.total == round(100 * 2 / 3 + 20 - 4, 3)
    assert "2/3 failing tests fixed" in b.explanation
    assert "3 candidate(s) agree (+20)" in b.explanation
    assert "4 changed line(s) (-4)" in b.explanation


def test_broken_passing_tests_zero_the_test_evidence() -> None:
    trial = Trial("a", "plausible", "", fail_to_pass={"t::a": True},
                  pass_to_pass_broken=("t::b",), normalized="n")
    assert score(trial, 1, 2).tests == 0.0
    assert score(trial, 1, 2).total == -2


def test_normalized_patch_ignores_layout_and_comments() -> None:
    a = {"calc/ops.py": "def add(a, b):\n    return a + b\n"}
    b = {"calc/ops.py": "# fixed\ndef add(a,b):\n\n    return (a +  b)  # sum\n"}
    assert normalized_patch(a) == normalized_patch(b)


def test_normalized_patch_differs_for_real_changes() -> None:
    a = {"calc/ops.py": "def add(a, b):\n    return a + b\n"}
    assert normalized_patch(a) != normalized_patch({"calc/ops.py": OLD})
    assert normalized_patch(a) != normalized_patch({"calc/ops.py": "def add(a, b):\n"
                                                                   "    return b + a\n"})
    # Same text in a different file is a different patch.
    assert normalized_patch(a) != normalized_patch({"calc/other.py": a["calc/ops.py"]})


def test_normalized_patch_of_unparsable_text_uses_the_text() -> None:
    a = {"calc/ops.py": "def add(a, b:\n"}
    b = {"calc/ops.py": "def add(a,  b:\n"}
    assert normalized_patch(a) == normalized_patch(dict(a))
    assert normalized_patch(a) != normalized_patch(b)


def test_normalized_patch_does_not_depend_on_dict_order() -> None:
    x = {"a.py": "x = 1\n", "b.py": "y = 2\n"}
    y = {"b.py": "y = 2\n", "a.py": "x = 1\n"}
    assert normalized_patch(x) == normalized_patch(y)


def test_an_anti_pattern_loses_to_an_equal_fix_of_another_kind() -> None:
    guard = dataclasses.replace(_cand("a", 2), template="early return",
                                overfit="an early exit not tied to the failure")
    swap = dataclasses.replace(_cand("b", 2), template="comparison")
    ranking = rank([guard, swap], [_plausible("a", "n1"), _plausible("b", "n2")])
    assert [r.candidate_id for r in ranking.ranked] == ["b", "a"]
    penalised = ranking.ranked[1].score
    assert penalised.penalty == ANTI_PATTERN_WEIGHT
    assert "anti-pattern: an early exit not tied to the failure (-15)" in penalised.explanation
    assert ranking.ranked[0].score.penalty == 0.0


def test_the_penalty_follows_the_candidates_overfit_field_not_its_template_name() -> None:
    named = dataclasses.replace(_cand("a", 2), template="early return")
    renamed = dataclasses.replace(_cand("b", 2), template="guard at the top",
                                  overfit="an early exit not tied to the failure")
    ranking = rank([named, renamed], [_plausible("a", "n1"), _plausible("b", "n2")])
    penalties = {r.candidate_id: r.score.penalty for r in ranking.ranked}
    assert penalties == {"a": 0.0, "b": ANTI_PATTERN_WEIGHT}
