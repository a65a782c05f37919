"""Build release notes from the names of merged branches."""

from changelog.branches import Branch, classify
from changelog.notes import release_notes

__all__ = ["Branch", "classify", "release_notes"]
