import pytest

from mdtable import parse_table, render_table


def test_basic_table():
    out = render_table(["name", "qty"], [["bolt", 12], ["nut", 7]])
    assert out == (
        "| name | qty |\n"
        "| ---- | --- |\n"
        "| bolt | 12  |\n"
        "| nut  | 7   |\n"
    )


def test_right_alignment_and_floats():
    out = render_table(["item", "price"], [["tea", 2.50], ["cake", 3.0]], align=["left", "right"])
    assert out.splitlines()[1] == "| ---- | ----: |"
    assert out.splitlines()[2] == "| tea  |   2.5 |"


def test_pipes_are_escaped():
    out = render_table(["expr"], [["a|b"]])
    assert parse_table(out)[1] == [["a|b"]]


def test_missing_values_are_blank():
    out = render_table(["host", "uptime"], [["web1", None], ["web2", "3d"]])
    assert out.splitlines()[2] == "| web1 |        |"


def test_short_rows_are_filled():
    headers, rows = parse_table(render_table(["a", "b", "c"], [["x"]]))
    assert rows == [["x", "", ""]]


def test_too_long_row_rejected():
    with pytest.raises(ValueError):
        render_table(["a"], [["x", "y"]])
