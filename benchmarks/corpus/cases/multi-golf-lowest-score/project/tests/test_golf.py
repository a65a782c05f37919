from datetime import date

import pytest

from golf import Round, format_to_par, is_personal_best, leaderboard, personal_bests

CARDS = [
    "2024-05-12 Pinehurst | Ana | 4 5 3 4 4 5 3 4 4",
    "2024-05-12 Pinehurst | Bo  | 4 4 3 4 3 5 3 4 4",
    "2024-05-12 Pinehurst | Cy  | 5 6 4 5 4 6 3 5 5",
    "2024-06-09 Pinehurst | Ana | 4 4 3 4 4 4 3 4 4",
]
ROUNDS = [Round.parse(line, par=36) for line in CARDS]


def test_parse_scorecard():
    r = ROUNDS[0]
    assert (r.player, r.course, r.day, r.total, r.to_par) == ("Ana", "Pinehurst", date(2024, 5, 12), 36, 0)
    with pytest.raises(ValueError):
        Round.parse("2024-05-12 Pinehurst | Ana | 4 0 3", par=12)


def test_format_to_par():
    assert [format_to_par(s) for s in (0, 3, -2)] == ["E", "+3", "-2"]


def test_leaderboard_lowest_total_first():
    first_day = ROUNDS[:3]
    assert leaderboard(first_day) == [(1, "Bo", 34, "-2"), (2, "Ana", 36, "E"), (3, "Cy", 43, "+7")]


def test_personal_bests():
    bests = personal_bests(ROUNDS)
    assert bests[("Ana", "Pinehurst")] == 34
    assert bests[("Cy", "Pinehurst")] == 43


def test_new_personal_best():
    assert is_personal_best(ROUNDS, ROUNDS[3])
    assert not is_personal_best(ROUNDS, Round("Ana", "Pinehurst", date(2024, 7, 1), (5,) * 9, 36))
