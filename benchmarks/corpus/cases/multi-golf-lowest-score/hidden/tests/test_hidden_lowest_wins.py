from datetime import date

from golf import Round, course_records, leaderboard


def _r(player, total, course="Oakmont", day=1):
    return Round(player, course, date(2024, 3, day), (total,), par=70)


def test_ties_share_a_place_and_the_next_place_is_skipped():
    rounds = [_r("Dee", 75), _r("Al", 71), _r("Ed", 71), _r("Fay", 68)]
    assert leaderboard(rounds) == [(1, "Fay", 68, "-2"), (2, "Al", 71, "+1"), (2, "Ed", 71, "+1"), (4, "Dee", 75, "+5")]


def test_leaderboard_adds_up_rounds():
    rounds = [_r("Al", 70, day=1), _r("Al", 72, day=2), _r("Bo", 69, day=1), _r("Bo", 74, day=2)]
    assert leaderboard(rounds) == [(1, "Al", 142, "+2"), (2, "Bo", 143, "+3")]


def test_course_records_hold_the_lowest_rounds():
    rounds = [_r("Al", 74, day=1), _r("Al", 69, day=2), _r("Bo", 70), _r("Bo", 80, course="Merion"),
              _r("Cy", 78, course="Merion")]
    assert course_records(rounds) == {"Merion": ("Cy", 78), "Oakmont": ("Al", 69)}
