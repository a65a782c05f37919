"""Working out which groups, and so which permissions, a user really has."""

from __future__ import annotations

from typing import Mapping

from acl.model import Group, UnknownGroup, User


def resolve_groups(user: User, groups: Mapping[str, Group]) -> set[str]:
    """Names of every group the user belongs to, directly or through parent groups.

    Cycles between groups are tolerated; a reference to a missing group raises
    UnknownGroup.
    """
    seen: set[str] = set()
    stack = list(user.groups)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        group = groups.get(name)
        if group is None:
            raise UnknownGroup(name)
        seen.add(name)
        stack.extend(group.parents)
    return set(user.groups)


def effective_permissions(user: User, groups: Mapping[str, Group]) -> set[str]:
    """The user's own permissions and those of all their groups, minus any denied."""
    granted = set(user.permissions)
    for name in resolve_groups(user, groups):
        granted |= groups[name].permissions
    return granted - user.denied
