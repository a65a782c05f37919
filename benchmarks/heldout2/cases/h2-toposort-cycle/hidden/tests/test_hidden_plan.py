"""Cycles that leave part of the graph buildable (so `order` is not empty), and the
nodes reported: rules out raising only when nothing at all could be ordered."""
import pytest

from buildtool.plan import CycleError, build_order


def test_cycle_behind_buildable_targets():
    deps = {"app": ["x"], "x": ["y"], "y": ["x"], "docs": []}
    with pytest.raises(CycleError) as info:
        build_order(deps)
    assert {"x", "y"} <= info.value.nodes
    assert "docs" not in info.value.nodes


def test_self_dependency():
    with pytest.raises(CycleError):
        build_order({"a": [], "b": ["b"]})


def test_acyclic_graph_with_isolated_target():
    assert build_order({"z": [], "y": ["x"]}) == ["x", "z", "y"]


def test_duplicate_prerequisite_is_not_a_cycle():
    assert build_order({"a": ["b", "b"]}) == ["b", "a"]
