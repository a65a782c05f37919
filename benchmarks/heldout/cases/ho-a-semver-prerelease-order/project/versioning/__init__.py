"""Semantic version parsing, ordering and range matching."""

from versioning.ranges import max_satisfying, satisfies
from versioning.version import Version, VersionError

__all__ = ["Version", "VersionError", "max_satisfying", "satisfies"]
