"""Tracks and their lengths."""

from __future__ import annotations

from dataclasses import dataclass


def parse_length(text: str) -> int:
    """``"3:07"`` -> 187 seconds; ``"1:02:03"`` for long pieces."""
    parts = text.strip().split(":")
    if not 2 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"not a track length: {text!r}")
    seconds = 0
    for p in parts:
        seconds = seconds * 60 + int(p)
    return seconds


def format_length(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclass(frozen=True)
class Track:
    title: str
    artist: str
    seconds: int

    @classmethod
    def parse(cls, line: str) -> "Track":
        """``Artist - Title (3:07)``"""
        head, sep, tail = line.rpartition(" (")
        if not sep or not tail.endswith(")") or " - " not in head:
            raise ValueError(f"cannot read track {line!r}")
        artist, title = head.split(" - ", 1)
        return cls(title.strip(), artist.strip(), parse_length(tail[:-1]))
