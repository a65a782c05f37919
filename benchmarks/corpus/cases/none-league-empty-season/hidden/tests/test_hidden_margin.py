from league import Match, Season


def test_new_season_has_zero_margin():
    assert Season(["x", "y", "z"]).best_margin() == 0


def test_league_without_teams_summarises():
    assert Season([]).summary() == {"played": 0, "leader": None, "goals": 0, "best_margin": 0}


def test_only_draws_have_zero_margin():
    s = Season(["x", "y"])
    s.record(Match("x", "y", 2, 2))
    assert s.best_margin() == 0


def test_first_result_sets_the_margin():
    s = Season(["x", "y"])
    assert s.best_margin() == 0
    s.record(Match("y", "x", 0, 5))
    assert s.best_margin() == 5
    assert s.summary()["leader"] == "x"
