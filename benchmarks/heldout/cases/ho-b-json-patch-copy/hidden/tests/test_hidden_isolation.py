from jsonpatch import apply_patch


def test_deeply_nested_list_of_original_is_untouched():
    doc = {"a": [{"b": [1, 2]}]}
    result = apply_patch(doc, [{"op": "remove", "path": "/a/0/b/0"}])
    assert result == {"a": [{"b": [2]}]}
    assert doc == {"a": [{"b": [1, 2]}]}


def test_top_level_list_document():
    doc = [{"id": 1}, {"id": 2}]
    result = apply_patch(doc, [{"op": "replace", "path": "/1/id", "value": 3}])
    assert result == [{"id": 1}, {"id": 3}]
    assert doc == [{"id": 1}, {"id": 2}]


def test_result_shares_nothing_with_original():
    doc = {"cfg": {"opts": {"x": 1}}}
    result = apply_patch(doc, [])
    result["cfg"]["opts"]["x"] = 99
    assert doc["cfg"]["opts"]["x"] == 1


def test_empty_patch_returns_equal_document():
    doc = {"k": [1, {"n": None}]}
    assert apply_patch(doc, []) == doc
