"""An empty report still prints its header, and columns where only some values are
shorter than the header: rules out fixes that still call max() on the rows alone."""
from reports.table import render_table, sales_report


def test_empty_rows():
    assert render_table(["Name", "Qty"], []).splitlines() == ["Name  Qty", "----  ---"]


def test_every_line_same_width_of_columns():
    out = render_table(["Description", "N"], [["pen", 1], ["a much longer text", 22]])
    lines = out.splitlines()
    assert lines[0] == "Description          N"
    assert lines[1] == "------------------  --"
    assert lines[2] == "pen                  1"


def test_empty_sales_report():
    assert sales_report([]).splitlines()[0] == "Region  Units  Revenue"
