import pytest

from webkit.pagination import PageNotFound, Paginator


def test_partial_last_page():
    p = Paginator(range(11), per_page=5)
    assert p.num_pages == 3
    assert p.page(3).items == [10]


def test_empty_list_has_one_page():
    p = Paginator([], per_page=10)
    assert p.num_pages == 1
    assert p.page(1).items == []


def test_page_navigation_flags():
    page = Paginator(range(7), per_page=3).page(2)
    assert page.items == [3, 4, 5]
    assert page.has_next and page.has_previous


def test_exact_multiple_of_page_size():
    p = Paginator(range(10), per_page=5)
    assert p.num_pages == 2
    assert not p.page(2).has_next
    with pytest.raises(PageNotFound):
        p.page(3)


def test_invalid_per_page():
    with pytest.raises(ValueError):
        Paginator([1], per_page=0)
