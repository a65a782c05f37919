from mdtable import parse_table, render_table


def test_falsy_values_still_shown():
    out = render_table(["n", "f", "flag", "s"], [[0, 0.0, False, ""]])
    assert parse_table(out)[1] == [["0", "0", "False", ""]]


def test_none_column_keeps_minimum_width():
    out = render_table(["x"], [[None], [None]])
    assert out == "| x   |\n| --- |\n|     |\n|     |\n"


def test_none_in_centered_column():
    out = render_table(["id", "note"], [[1, None], [2, "ok"]], align=["right", "center"])
    _, rows = parse_table(out)
    assert rows == [["1", ""], ["2", "ok"]]
