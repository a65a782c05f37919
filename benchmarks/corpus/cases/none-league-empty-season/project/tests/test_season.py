import pytest

from league import Match, Season, UnknownTeam


def season_with_results():
    s = Season(["ants", "bees", "crows"])
    s.record(Match("ants", "bees", 2, 0))
    s.record(Match("bees", "crows", 1, 1))
    s.record(Match("crows", "ants", 4, 1))
    return s


def test_points_and_order():
    rows = season_with_results().standings()
    assert [(r.team, r.points) for r in rows] == [("crows", 4), ("ants", 3), ("bees", 1)]


def test_goal_difference_breaks_ties():
    s = Season(["a", "b", "c"])
    s.record(Match("a", "c", 1, 0))
    s.record(Match("b", "c", 3, 0))
    assert [r.team for r in s.standings()] == ["b", "a", "c"]


def test_unknown_team_rejected():
    with pytest.raises(UnknownTeam):
        Season(["a", "b"]).record(Match("a", "z", 1, 0))


def test_best_margin():
    assert season_with_results().best_margin() == 3


def test_summary_mid_season():
    assert season_with_results().summary() == {
        "played": 3, "leader": "crows", "goals": 9, "best_margin": 3,
    }


def test_summary_before_kickoff():
    assert Season(["a", "b"]).summary() == {
        "played": 0, "leader": "a", "goals": 0, "best_margin": 0,
    }
