"""URL slugs: lowercase ASCII letters and digits joined by single hyphens."""

from __future__ import annotations

import re
from typing import Container

_SEPARATORS = re.compile(r"[^a-z0-9]+")


def slugify(title: str, max_length: int = 50) -> str:
    """The slug of ``title``, cut at a word boundary to at most ``max_length`` characters."""
    slug = _SEPARATORS.sub("-", title).strip("-").lower()
    if len(slug) > max_length:
        cut = slug[: max_length + 1].rfind("-")
        slug = slug[: cut if cut > 0 else max_length].rstrip("-")
    return slug or "post"


def unique_slug(title: str, taken: Container[str]) -> str:
    """``slugify(title)``, with ``-2``, ``-3``, … appended while the slug is taken."""
    base = slugify(title)
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug
