from runoff import instant_runoff, parse_ballots


def test_half_is_not_enough_in_first_round():
    ballots = parse_ballots(["3: ann", "2: bo", "cy > bo"])
    result = instant_runoff(ballots)
    assert result.rounds[0] == {"ann": 3, "bo": 2, "cy": 1}
    assert result.rounds[-1] == {"ann": 3, "bo": 3}
    assert result.winner is None


def test_majority_counts_only_active_ballots():
    ballots = parse_ballots(["2: ann", "bo", "cy"])
    result = instant_runoff(ballots)
    assert result.winner == "ann"
    assert len(result.rounds) == 2
    assert result.rounds[1] == {"ann": 2}


def test_exhausted_ballots_can_leave_a_tie():
    ballots = parse_ballots(["2: ann", "2: bo", "cy"])
    result = instant_runoff(ballots)
    assert result.rounds[-1] == {"ann": 2, "bo": 2}
    assert result.winner is None


def test_just_over_half_wins():
    result = instant_runoff(parse_ballots(["3: ann", "2: bo"]))
    assert result.winner == "ann" and len(result.rounds) == 1
