import pytest

from runoff import instant_runoff, parse_ballots, tally


def test_parse_ballots_with_counts():
    ballots = parse_ballots(["# club vote", "3: Ann > Bo", "bo > cy > bo", ""])
    assert len(ballots) == 4
    assert ballots[0].ranking == ("ann", "bo")
    assert ballots[3].ranking == ("bo", "cy")


def test_empty_choice_rejected():
    with pytest.raises(ValueError):
        parse_ballots(["ann > > bo"])


def test_first_round_tally():
    ballots = parse_ballots(["2: ann > bo", "bo", "cy > bo"])
    assert tally(ballots, set()) == {"ann": 2, "bo": 1, "cy": 1}


def test_outright_majority():
    result = instant_runoff(parse_ballots(["3: ann", "bo", "cy"]))
    assert result.winner == "ann" and len(result.rounds) == 1


def test_transfers_decide_the_winner():
    ballots = parse_ballots(["4: ann", "3: bo", "2: cy > bo"])
    result = instant_runoff(ballots)
    assert result.winner == "bo"
    assert result.rounds[-1] == {"ann": 4, "bo": 5}


def test_even_split_is_a_tie():
    result = instant_runoff(parse_ballots(["2: ann > bo", "2: bo > ann"]))
    assert result.winner is None
    assert result.is_tie
