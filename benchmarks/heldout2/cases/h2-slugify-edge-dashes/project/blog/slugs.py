"""URL slugs for blog post titles."""
import re
import unicodedata
from typing import Iterable


def slugify(title: str, max_length: int = 50) -> str:
    """'Hello, World!' -> 'hello-world': ASCII letters and digits joined by single dashes."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).lower()
    if len(text) > max_length:
        text = text[:max_length].rstrip("-")
    return text


def unique_slug(title: str, existing: Iterable[str]) -> str:
    """A slug not in ``existing``, adding -2, -3, ... when needed."""
    taken = set(existing)
    base = slugify(title) or "post"
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


def permalink(date_iso: str, title: str) -> str:
    year, month, _ = date_iso.split("-")
    return f"/{year}/{month}/{slugify(title)}/"
