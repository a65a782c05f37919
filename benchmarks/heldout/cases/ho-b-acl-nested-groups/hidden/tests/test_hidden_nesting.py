import pytest

from acl import Group, UnknownGroup, User, effective_permissions, resolve_groups


def test_resolve_groups_walks_every_level():
    groups = {
        "a": Group("a", parents=("b",)),
        "b": Group("b", parents=("c", "d")),
        "c": Group("c"),
        "d": Group("d"),
        "x": Group("x"),
    }
    assert resolve_groups(User("u", groups=("a",)), groups) == {"a", "b", "c", "d"}


def test_cycles_terminate():
    groups = {
        "a": Group("a", frozenset({"p:a"}), parents=("b",)),
        "b": Group("b", frozenset({"p:b"}), parents=("a",)),
    }
    assert effective_permissions(User("u", groups=("a",)), groups) == {"p:a", "p:b"}


def test_missing_parent_group_is_reported():
    groups = {"a": Group("a", parents=("nope",))}
    with pytest.raises(UnknownGroup):
        resolve_groups(User("u", groups=("a",)), groups)


def test_inherited_permission_can_be_denied():
    groups = {
        "base": Group("base", frozenset({"repo:read", "repo:clone"})),
        "dev": Group("dev", frozenset({"repo:push"}), parents=("base",)),
    }
    user = User("u", groups=("dev",), denied=frozenset({"repo:clone"}))
    assert effective_permissions(user, groups) == {"repo:read", "repo:push"}
