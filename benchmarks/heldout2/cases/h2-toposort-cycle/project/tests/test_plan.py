import pytest

from buildtool.plan import CycleError, build_order, parse_makefile_deps


def test_chain():
    assert build_order({"app": ["lib"], "lib": ["gen"]}) == ["gen", "lib", "app"]


def test_diamond_alphabetical_ties():
    deps = {"app": ["b", "a"], "a": ["base"], "b": ["base"]}
    assert build_order(deps) == ["base", "a", "b", "app"]


def test_parse_makefile():
    text = "app: lib util  # link\nlib: gen\n\nutil:\n"
    assert parse_makefile_deps(text) == {"app": ["lib", "util"], "lib": ["gen"], "util": []}


def test_two_targets_depending_on_each_other():
    with pytest.raises(CycleError):
        build_order({"a": ["b"], "b": ["a"]})
