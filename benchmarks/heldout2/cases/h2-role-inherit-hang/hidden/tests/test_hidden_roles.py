"""Every role/permission pair agrees with permissions(): rules out fixes that only
look one level up."""
from access.roles import RoleRegistry, default_registry


def test_can_matches_permissions():
    reg = default_registry()
    perms = {"doc.read", "doc.write", "user.manage", "billing.view"}
    for role in ("viewer", "editor", "admin"):
        for p in perms:
            assert reg.can(role, p) == (p in reg.permissions(role))


def test_deep_chain():
    reg = RoleRegistry()
    reg.define("r0", {"p0"})
    for i in range(1, 8):
        reg.define(f"r{i}", {f"p{i}"}, inherits=f"r{i - 1}")
    assert reg.can("r7", "p0")
    assert not reg.can("r3", "p5")
    assert not reg.can("r0", "p1")
