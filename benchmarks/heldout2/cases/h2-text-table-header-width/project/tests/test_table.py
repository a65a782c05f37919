from reports.table import render_table, sales_report


def test_values_wider_than_headers():
    out = render_table(["a", "b"], [["apple", 10], ["kiwi", 2000]])
    assert out.splitlines() == [
        "a         b",
        "-----  ----",
        "apple    10",
        "kiwi   2000",
    ]


def test_mismatched_row():
    import pytest

    with pytest.raises(ValueError):
        render_table(["a"], [[1, 2]])


def test_header_wider_than_values():
    out = render_table(["Region", "Units"], [["N", 5], ["S", 12]])
    assert out.splitlines() == [
        "Region  Units",
        "------  -----",
        "N           5",
        "S          12",
    ]


def test_sales_report_alignment():
    out = sales_report([{"region": "North", "units": 3, "revenue": 1200.5}])
    assert out.splitlines()[2] == "North       3  1,200.50"


def test_float_formatting():
    out = render_table(["k", "v"], [["pi", 3.14159], ["big", 12345.0]])
    assert out.splitlines()[2:] == ["pi        3.14", "big  12,345.00"]
