"""Branch names follow ``<kind>/<slug>``, e.g. ``feature/csv-export`` or ``fix/login-loop``."""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = {
    "feature/": "feature",
    "feat/": "feature",
    "fix/": "fix",
    "hotfix/": "fix",
    "chore/": "chore",
    "docs/": "docs",
}
_TICKET = re.compile(r"^([A-Z]+-\d+)-")


@dataclass(frozen=True)
class Branch:
    name: str
    kind: str
    slug: str
    ticket: str | None = None

    @property
    def title(self) -> str:
        words = self.slug.replace("_", "-").split("-")
        text = " ".join(w for w in words if w)
        return text[:1].upper() + text[1:]


def classify(name: str) -> Branch:
    """Split a branch name into its kind, an optional ticket id and the slug.

    Names without a known prefix are of kind ``other`` and keep their full name."""
    name = name.strip()
    if name.startswith("origin/"):
        name = name[len("origin/"):]
    for prefix, kind in KINDS.items():
        if name.startswith(prefix):
            slug = name.removeprefix(prefix)
            break
    else:
        kind, slug = "other", name
    ticket = None
    match = _TICKET.match(slug)
    if match:
        ticket = match.group(1)
        slug = slug[match.end():]
    return Branch(name, kind, slug, ticket)
