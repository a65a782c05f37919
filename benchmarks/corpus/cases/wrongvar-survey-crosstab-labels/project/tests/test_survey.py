import pytest

from survey import crosstab, load_responses, percent, render_crosstab

DATA = """
r1; staff; commute=bike; lunch=canteen
r2; staff; commute=car
r3; students; commute=Bike; lunch=packed
r4; students; commute=bus; lunch=canteen
r5; students; commute=bike
"""


def test_load_responses():
    rs = load_responses(DATA)
    assert len(rs) == 5
    assert rs[2].answers == {"commute": "bike", "lunch": "packed"}


def test_duplicate_respondent():
    with pytest.raises(ValueError):
        load_responses("a; x; q=1\na; y; q=2\n")


def test_crosstab_counts():
    t = crosstab(load_responses(DATA), "commute")
    assert t.segments == ["staff", "students"]
    assert t.answers() == ["bike", "bus", "car"]
    assert t.counts["bike"] == {"staff": 1, "students": 2}
    assert t.segment_size("students") == 3


def test_percent():
    assert percent(1, 3) == "33%"
    assert percent(0, 0) == "-"


def test_render_header():
    text = render_crosstab(crosstab(load_responses(DATA), "lunch"))
    assert text.splitlines()[0].split() == ["lunch", "staff", "students", "all"]


def test_render_answer_rows():
    text = render_crosstab(crosstab(load_responses(DATA), "commute"))
    assert [line.split() for line in text.splitlines()[1:]] == [
        ["bike", "50%", "67%", "60%"],
        ["bus", "0%", "33%", "20%"],
        ["car", "50%", "0%", "20%"],
    ]
