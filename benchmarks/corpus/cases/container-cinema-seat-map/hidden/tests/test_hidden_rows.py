from cinema import Hall, Screening, best_block

HALL = Hall("Main", rows=3, seats_per_row=4)


def test_rows_are_independent():
    s = Screening(HALL, "Alien")
    s.book("dee", "C1", "C2", "C3", "C4")
    assert [s.holder(f"{r}1") for r in "ABC"] == [None, None, "dee"]
    assert s.free_count() == 8


def test_best_block_moves_forward_when_back_row_is_full():
    s = Screening(HALL, "Alien")
    s.book("dee", "C1", "C2", "C3", "C4")
    assert best_block(s, 3) == ["B1", "B2", "B3"]


def test_cancel_only_releases_own_seats():
    s = Screening(HALL, "Alien")
    s.book("eve", "A2")
    s.book("fay", "B2", "C2")
    assert s.cancel("fay") == 2
    assert s.holder("A2") == "eve"
    assert s.chart() == "C ....\nB ....\nA .#.."


def test_separate_screenings_do_not_share_seats():
    first, second = Screening(HALL, "Alien"), Screening(HALL, "Aliens")
    first.book("gil", "A1")
    assert second.holder("A1") is None
