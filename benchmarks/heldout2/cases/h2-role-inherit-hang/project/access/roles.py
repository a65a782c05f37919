"""Roles with single inheritance: a role has its own permissions plus its parent's."""
from typing import Dict, Iterable, Optional, Set


class UnknownRole(KeyError):
    pass


class RoleRegistry:
    def __init__(self):
        self._perms: Dict[str, Set[str]] = {}
        self._parent: Dict[str, Optional[str]] = {}

    def define(self, role: str, permissions: Iterable[str], inherits: Optional[str] = None) -> None:
        if inherits is not None and inherits not in self._perms:
            raise UnknownRole(inherits)
        self._perms[role] = set(permissions)
        self._parent[role] = inherits

    def _check(self, role: str) -> None:
        if role not in self._perms:
            raise UnknownRole(role)

    def can(self, role: str, permission: str) -> bool:
        self._check(role)
        current: Optional[str] = role
        while current is not None:
            if permission in self._perms[current]:
                return True
            parent = self._parent[current]
        return False

    def permissions(self, role: str) -> Set[str]:
        self._check(role)
        result: Set[str] = set()
        current: Optional[str] = role
        while current is not None:
            result |= self._perms[current]
            current = self._parent[current]
        return result

    def lineage(self, role: str) -> list:
        self._check(role)
        chain = []
        current: Optional[str] = role
        while current is not None:
            chain.append(current)
            current = self._parent[current]
        return chain


def default_registry() -> RoleRegistry:
    reg = RoleRegistry()
    reg.define("viewer", {"doc.read"})
    reg.define("editor", {"doc.write"}, inherits="viewer")
    reg.define("admin", {"user.manage"}, inherits="editor")
    return reg
