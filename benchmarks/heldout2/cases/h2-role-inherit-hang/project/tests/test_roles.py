import pytest

from access.roles import UnknownRole, default_registry


def test_own_permission():
    assert default_registry().can("editor", "doc.write")


def test_permissions_include_inherited():
    assert default_registry().permissions("admin") == {"doc.read", "doc.write", "user.manage"}


def test_lineage():
    assert default_registry().lineage("admin") == ["admin", "editor", "viewer"]


def test_unknown_role():
    with pytest.raises(UnknownRole):
        default_registry().can("guest", "doc.read")


def test_inherited_permission():
    assert default_registry().can("admin", "doc.read")


def test_missing_permission():
    assert not default_registry().can("editor", "user.manage")
