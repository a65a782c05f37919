from pager import Paginator


def test_last_partial_page_holds_the_rest():
    pages = Paginator(list("abcdefg"), per_page=3).pages()
    assert [p.items for p in pages] == [("a", "b", "c"), ("d", "e", "f"), ("g",)]
    assert not pages[-1].has_next


def test_single_item_fewer_than_per_page():
    assert Paginator([1], per_page=10).page_count == 1


def test_large_per_page_counts():
    assert Paginator(list(range(101)), per_page=25).page_count == 5
