"""Photos and searching them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from phototags.parser import parse_query


@dataclass(frozen=True)
class Photo:
    filename: str
    taken: date
    tags: frozenset[str]


class PhotoLibrary:
    def __init__(self) -> None:
        self.photos: list[Photo] = []

    def add(self, filename: str, taken: date, *tags: str) -> Photo:
        photo = Photo(filename, taken, frozenset(t.lower() for t in tags))
        self.photos.append(photo)
        return photo

    def search(self, query: str) -> list[str]:
        """Filenames of matching photos, oldest first."""
        q = parse_query(query)
        hits = [p for p in self.photos if q.matches(p.tags)]
        return [p.filename for p in sorted(hits, key=lambda p: (p.taken, p.filename))]

    def tag_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for p in self.photos:
            for t in p.tags:
                counts[t] = counts.get(t, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
