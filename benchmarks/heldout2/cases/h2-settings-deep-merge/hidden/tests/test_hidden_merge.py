"""Three levels of nesting, and the inputs must stay untouched: rules out fixes that
merge by mutating ``base`` (or the defaults) in place."""
import copy

from settings.merge import deep_merge


def test_deep_nesting():
    base = {"a": {"b": {"c": 1, "d": 2}, "e": 3}}
    merged = deep_merge(base, {"a": {"b": {"c": 10}}})
    assert merged == {"a": {"b": {"c": 10, "d": 2}, "e": 3}}


def test_inputs_not_modified():
    base = {"db": {"host": "h", "opts": {"ssl": False}}}
    override = {"db": {"opts": {"ssl": True}}}
    before_base, before_override = copy.deepcopy(base), copy.deepcopy(override)
    merged = deep_merge(base, override)
    assert merged["db"]["opts"] == {"ssl": True}
    assert base == before_base and override == before_override
    merged["db"]["opts"]["ssl"] = "changed"
    assert override == before_override


def test_scalar_replaces_dict():
    assert deep_merge({"x": {"y": 1}}, {"x": 5}) == {"x": 5}
