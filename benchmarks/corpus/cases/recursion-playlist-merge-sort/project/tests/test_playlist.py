import pytest

from playlist import Playlist, Track, merge_sort, parse_length

TEXT = """
Nina Simone - Feeling Good (2:53)
Miles Davis - So What (9:22)
Bill Evans - Peace Piece (6:42)
Nina Simone - Sinnerman (10:19)
Miles Davis - Blue in Green (5:37)
"""


@pytest.fixture
def mix():
    return Playlist.parse("jazz", TEXT)


def test_parse_length():
    assert parse_length("3:07") == 187
    assert parse_length("1:02:03") == 3723
    with pytest.raises(ValueError):
        parse_length("3.07")


def test_parse_track_and_total(mix):
    assert mix.tracks[0] == Track("Feeling Good", "Nina Simone", 173)
    assert mix.total_length() == "34:53"


def test_sort_by_length(mix):
    assert [t.title for t in mix.sorted_by("length")] == [
        "Feeling Good", "Blue in Green", "Peace Piece", "So What", "Sinnerman",
    ]


def test_sort_by_artist_is_stable(mix):
    assert [t.title for t in mix.sorted_by("artist")] == [
        "Peace Piece", "So What", "Blue in Green", "Feeling Good", "Sinnerman",
    ]


def test_merge_sort_numbers():
    assert merge_sort([5, 3, 9, 1, 3]) == [1, 3, 3, 5, 9]


def test_empty_playlist_sorts_to_nothing():
    assert Playlist("new").sorted_by("title") == []


def test_fits_in(mix):
    assert [t.title for t in mix.fits_in(900)] == ["Feeling Good", "Blue in Green"]
