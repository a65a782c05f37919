"""Access control lists: users, nested groups and permission checks."""

from acl.check import can, require
from acl.model import AccessDenied, Group, UnknownGroup, User
from acl.resolve import effective_permissions, resolve_groups

__all__ = ["AccessDenied", "Group", "UnknownGroup", "User", "can", "effective_permissions",
           "require", "resolve_groups"]
