"""Permission checks, with ``resource:*`` wildcards."""

from __future__ import annotations

from typing import Mapping

from acl.model import AccessDenied, Group, User
from acl.resolve import effective_permissions


def _matches(held: str, wanted: str) -> bool:
    if held == "*" or held == wanted:
        return True
    if held.endswith(":*"):
        return wanted.startswith(held[:-1])
    return False


def can(user: User, permission: str, groups: Mapping[str, Group]) -> bool:
    """Whether the user holds ``permission`` (e.g. ``docs:edit``); an explicit denial
    of that exact permission wins over any wildcard."""
    if permission in user.denied:
        return False
    return any(_matches(held, permission) for held in effective_permissions(user, groups))


def require(user: User, permission: str, groups: Mapping[str, Group]) -> None:
    if not can(user, permission, groups):
        raise AccessDenied(f"{user.name} may not {permission}")
