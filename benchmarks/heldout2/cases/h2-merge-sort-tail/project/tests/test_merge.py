from sorting import merge_sort, sort_records


def test_empty_and_single():
    assert merge_sort([]) == []
    assert merge_sort([42]) == [42]


def test_reverse_sorted_input():
    assert merge_sort([5, 4, 3, 2, 1]) == [1, 2, 3, 4, 5]


def test_stable_on_equal_keys():
    data = [("x", 3), ("y", 2), ("z", 2), ("w", 1)]
    assert merge_sort(data, key=lambda p: p[1]) == [("w", 1), ("y", 2), ("z", 2), ("x", 3)]


def test_mixed_order():
    assert merge_sort([3, 1, 4, 1, 5, 9, 2, 6]) == [1, 1, 2, 3, 4, 5, 6, 9]


def test_sort_records_by_field():
    rows = [{"name": "ann", "age": 31}, {"name": "bob", "age": 25}, {"name": "cy", "age": 40}]
    assert [r["name"] for r in sort_records(rows, "age")] == ["bob", "ann", "cy"]
