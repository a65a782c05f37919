import pytest

from acl import AccessDenied, Group, UnknownGroup, User, can, effective_permissions, require

GROUPS = {
    "staff": Group("staff", frozenset({"wiki:read"})),
    "editors": Group("editors", frozenset({"docs:edit", "docs:read"}), parents=("staff",)),
    "admins": Group("admins", frozenset({"docs:*", "users:manage"}), parents=("editors",)),
}


def test_own_permissions():
    user = User("ann", permissions=frozenset({"billing:view"}))
    assert effective_permissions(user, GROUPS) == {"billing:view"}


def test_direct_group_permissions():
    user = User("bob", groups=("staff",))
    assert can(user, "wiki:read", GROUPS)
    assert not can(user, "docs:edit", GROUPS)


def test_parent_group_permissions_are_inherited():
    user = User("cat", groups=("editors",))
    assert can(user, "wiki:read", GROUPS)


def test_wildcard_permission():
    user = User("dan", groups=("admins",))
    assert can(user, "docs:delete", GROUPS)


def test_explicit_denial_wins():
    user = User("eve", groups=("admins",), denied=frozenset({"docs:delete"}))
    assert not can(user, "docs:delete", GROUPS)
    with pytest.raises(AccessDenied):
        require(user, "docs:delete", GROUPS)


def test_unknown_group():
    with pytest.raises(UnknownGroup):
        effective_permissions(User("fay", groups=("ghosts",)), GROUPS)
