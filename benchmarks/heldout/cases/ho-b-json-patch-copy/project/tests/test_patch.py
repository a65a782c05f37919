import pytest

from jsonpatch import PatchConflict, PointerError, apply_patch, parse_pointer


def test_parse_pointer_unescapes():
    assert parse_pointer("/a~1b/c~0d/0") == ["a/b", "c~d", "0"]


def test_add_and_remove_members():
    doc = {"name": "widget", "tags": ["a", "b"]}
    result = apply_patch(doc, [
        {"op": "add", "path": "/price", "value": 9},
        {"op": "remove", "path": "/tags/0"},
        {"op": "add", "path": "/tags/-", "value": "z"},
    ])
    assert result == {"name": "widget", "tags": ["b", "z"], "price": 9}


def test_move_and_copy():
    doc = {"a": {"x": 1}, "b": {}}
    result = apply_patch(doc, [
        {"op": "move", "from": "/a/x", "path": "/b/y"},
        {"op": "copy", "from": "/b", "path": "/c"},
    ])
    assert result == {"a": {}, "b": {"y": 1}, "c": {"y": 1}}


def test_failed_test_operation_raises():
    with pytest.raises(PatchConflict):
        apply_patch({"v": 1}, [{"op": "test", "path": "/v", "value": 2}])


def test_bad_path_raises():
    with pytest.raises(PointerError):
        apply_patch({"list": [1]}, [{"op": "remove", "path": "/list/5"}])


def test_original_document_is_untouched():
    doc = {"user": {"name": "ann", "roles": ["viewer"]}}
    apply_patch(doc, [
        {"op": "replace", "path": "/user/name", "value": "bob"},
        {"op": "add", "path": "/user/roles/0", "value": "admin"},
    ])
    assert doc == {"user": {"name": "ann", "roles": ["viewer"]}}


def test_failed_patch_leaves_original_alone():
    doc = {"settings": {"theme": "dark"}}
    with pytest.raises(PatchConflict):
        apply_patch(doc, [
            {"op": "replace", "path": "/settings/theme", "value": "light"},
            {"op": "test", "path": "/settings/theme", "value": "dark"},
        ])
    assert doc == {"settings": {"theme": "dark"}}
