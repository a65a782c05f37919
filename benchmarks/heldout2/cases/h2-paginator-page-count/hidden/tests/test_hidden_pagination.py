"""num_pages against math.ceil for every size and page size, and page links near the
end: rules out special-casing multiples of 5 or subtracting one unconditionally."""
import math

from webkit.pagination import Paginator


def test_num_pages_grid():
    for n in range(0, 40):
        for per in range(1, 9):
            assert Paginator(range(n), per).num_pages == max(1, math.ceil(n / per)), (n, per)


def test_every_item_on_exactly_one_page():
    p = Paginator(range(24), per_page=6)
    seen = [x for k in range(1, p.num_pages + 1) for x in p.page(k).items]
    assert seen == list(range(24))
    assert all(p.page(k).items for k in range(1, p.num_pages + 1))


def test_links_near_end():
    assert Paginator(range(20), per_page=5).page_links(4) == [2, 3, 4]
