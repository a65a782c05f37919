from csvdedup import dedup


def test_three_copies_keep_the_first():
    rows = [{"sku": "A", "qty": "1"}, {"sku": "B", "qty": "2"},
            {"sku": "a", "qty": "3"}, {"sku": "A ", "qty": "4"}]
    result = dedup(rows, ["sku"])
    assert result.kept == [{"sku": "A", "qty": "1"}, {"sku": "B", "qty": "2"}]
    assert [r["qty"] for r in result.duplicates] == ["3", "4"]


def test_kept_rows_are_the_original_objects():
    rows = [{"k": "x"}, {"k": "x"}]
    result = dedup(rows, ["k"])
    assert result.kept[0] is rows[0]
    assert result.duplicates[0] is rows[1]


def test_multi_column_key_without_normalizing():
    rows = [{"a": "1", "b": "x", "n": "first"}, {"a": "1", "b": "X", "n": "second"},
            {"a": "1", "b": "x", "n": "third"}]
    result = dedup(rows, ["a", "b"], normalize=False)
    assert [r["n"] for r in result.kept] == ["first", "second"]
    assert [r["n"] for r in result.duplicates] == ["third"]
