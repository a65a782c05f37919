import pytest

from sheetexport import BadReference, Sheet, column_index, column_name, parse_ref


def test_single_letter_columns():
    assert [column_name(i) for i in (1, 2, 3, 25)] == ["A", "B", "C", "Y"]


def test_double_letter_columns():
    assert column_name(27) == "AA"
    assert column_name(28) == "AB"


def test_last_single_letter_column():
    assert column_name(26) == "Z"


def test_parse_ref():
    assert parse_ref("B12") == (12, 2)
    assert parse_ref("$AA$3") == (3, 27)
    assert column_index("z") == 26
    with pytest.raises(BadReference):
        parse_ref("12B")


def test_used_range_and_csv():
    sheet = Sheet("orders")
    sheet.append_rows([["id", "qty"], [1, 5], [2, None]])
    assert sheet.used_range() == "A1:B3"
    assert sheet.to_csv() == "id,qty\n1,5\n2,\n"


def test_wide_sheet_used_range():
    sheet = Sheet("metrics")
    sheet.append_rows([[f"m{i}" for i in range(1, 27)]])
    assert sheet.used_range() == "A1:Z1"
    assert sheet.header_refs()["m26"] == "Z"
