from sheetexport import column_index, column_name, format_ref


def test_multiples_of_26():
    assert [column_name(n) for n in (52, 78, 702)] == ["AZ", "BZ", "ZZ"]


def test_three_letter_columns():
    assert column_name(703) == "AAA"
    assert column_name(16384) == "XFD"


def test_round_trip_with_column_index():
    for n in range(1, 2000):
        assert column_index(column_name(n)) == n


def test_format_ref_far_column():
    assert format_ref(10, 52) == "AZ10"
