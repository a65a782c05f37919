"""Playlists of tracks: parsing, sorting and picking."""

from playlist.playlist import Playlist
from playlist.sorting import merge_sort
from playlist.tracks import Track, format_length, parse_length

__all__ = ["Playlist", "Track", "format_length", "merge_sort", "parse_length"]
