"""Users and groups."""

from __future__ import annotations

from dataclasses import dataclass, field


class UnknownGroup(LookupError):
    """A user or group refers to a group that does not exist."""


class AccessDenied(PermissionError):
    """The user lacks the permission an operation needs."""


@dataclass(frozen=True)
class Group:
    name: str
    permissions: frozenset[str] = frozenset()
    parents: tuple[str, ...] = ()  # groups whose permissions this group inherits


@dataclass(frozen=True)
class User:
    name: str
    groups: tuple[str, ...] = ()
    permissions: frozenset[str] = frozenset()
    denied: frozenset[str] = field(default_factory=frozenset)
