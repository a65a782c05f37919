from layered import deep_merge


def test_nested_section_replaced_by_list():
    base = {"log": {"handlers": {"console": {"level": "INFO"}}}}
    assert deep_merge(base, {"log": {"handlers": ["console", "file"]}}) == {
        "log": {"handlers": ["console", "file"]}}


def test_deep_section_set_to_zero_or_false():
    base = {"a": {"b": {"c": 1}}, "x": {"y": 2}}
    assert deep_merge(base, {"a": {"b": 0}, "x": False}) == {"a": {"b": 0}, "x": False}


def test_dict_replaces_scalar():
    assert deep_merge({"cache": None}, {"cache": {"ttl": 5}}) == {"cache": {"ttl": 5}}


def test_top_level_override_that_is_not_a_dict():
    assert deep_merge({"a": 1}, None) is None
    assert deep_merge({"a": 1}, "flat") == "flat"


def test_merge_adds_keys_without_touching_base():
    base = {"a": {"b": 1}}
    merged = deep_merge(base, {"a": {"c": 2}})
    assert merged == {"a": {"b": 1, "c": 2}}
    assert base == {"a": {"b": 1}}
