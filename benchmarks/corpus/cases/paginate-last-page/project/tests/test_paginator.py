import pytest

from pager import Paginator
from pager.paginator import PageError


def test_exact_pages():
    p = Paginator(list(range(10)), per_page=5)
    assert p.page_count == 2
    assert p.page(2).items == (5, 6, 7, 8, 9)


def test_empty_list_has_one_page():
    p = Paginator([], per_page=3)
    assert p.page_count == 1
    assert p.page(1).items == ()


def test_partial_last_page_is_counted():
    p = Paginator(list(range(7)), per_page=3)
    assert p.page_count == 3


def test_out_of_range_page():
    with pytest.raises(PageError):
        Paginator([1, 2], per_page=2).page(2)


def test_navigation_flags():
    page = Paginator(list(range(6)), per_page=2).page(2)
    assert page.has_next and page.has_previous
