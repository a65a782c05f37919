"""A named, ordered list of tracks."""

from __future__ import annotations

from typing import Iterable

from playlist.sorting import merge_sort
from playlist.tracks import Track, format_length

SORT_KEYS = {
    "title": lambda t: t.title.lower(),
    "artist": lambda t: t.artist.lower(),
    "length": lambda t: t.seconds,
}


class Playlist:
    def __init__(self, name: str, tracks: Iterable[Track] = ()) -> None:
        self.name = name
        self.tracks = list(tracks)

    @classmethod
    def parse(cls, name: str, text: str) -> "Playlist":
        return cls(name, [Track.parse(l) for l in text.splitlines() if l.strip()])

    def total_length(self) -> str:
        return format_length(sum(t.seconds for t in self.tracks))

    def sorted_by(self, field: str) -> list[Track]:
        if field not in SORT_KEYS:
            raise ValueError(f"cannot sort by {field!r}")
        return merge_sort(self.tracks, SORT_KEYS[field])

    def by_artist(self, artist: str) -> list[Track]:
        """The artist's tracks, shortest first."""
        mine = [t for t in self.tracks if t.artist.lower() == artist.lower()]
        return merge_sort(mine, SORT_KEYS["length"])

    def fits_in(self, seconds: int) -> list[Track]:
        """Shortest tracks first, as many as fit in ``seconds``."""
        picked, used = [], 0
        for track in self.sorted_by("length"):
            if used + track.seconds > seconds:
                break
            picked.append(track)
            used += track.seconds
        return picked
