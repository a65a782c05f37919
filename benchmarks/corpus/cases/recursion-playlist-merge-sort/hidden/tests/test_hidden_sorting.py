from playlist import Playlist, Track, merge_sort


def test_merge_sort_empty_and_single():
    assert merge_sort([]) == []
    assert merge_sort(()) == []
    assert merge_sort([7]) == [7]


def test_merge_sort_returns_new_list():
    items = [3, 1, 2]
    result = merge_sort(items)
    assert result == [1, 2, 3]
    assert items == [3, 1, 2]


def test_artist_with_no_tracks():
    mix = Playlist("mix", [Track("A", "X", 100), Track("B", "Y", 50)])
    assert mix.by_artist("Z") == []
    assert [t.title for t in mix.by_artist("x")] == ["A"]


def test_nothing_fits_in_empty_playlist():
    assert Playlist("empty").fits_in(600) == []


def test_many_items_stable():
    items = [(i % 7, i) for i in range(200)]
    assert merge_sort(items, key=lambda p: p[0]) == sorted(items, key=lambda p: p[0])
