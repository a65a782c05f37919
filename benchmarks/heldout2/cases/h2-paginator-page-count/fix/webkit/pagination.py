from dataclasses import dataclass
from typing import Generic, List, Sequence, TypeVar

T = TypeVar("T")


class PageNotFound(LookupError):
    pass


@dataclass
class Page(Generic[T]):
    items: List[T]
    number: int
    num_pages: int

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1


class Paginator(Generic[T]):
    def __init__(self, items: Sequence[T], per_page: int):
        if per_page < 1:
            raise ValueError("per_page must be at least 1")
        self.items = list(items)
        self.per_page = per_page

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def num_pages(self) -> int:
        """Number of pages; an empty list still has one (empty) page."""
        if not self.items:
            return 1
        return (self.count + self.per_page - 1) // self.per_page

    def page(self, number: int) -> Page[T]:
        if not 1 <= number <= self.num_pages:
            raise PageNotFound(f"page {number} out of 1..{self.num_pages}")
        start = (number - 1) * self.per_page
        return Page(self.items[start:start + self.per_page], number, self.num_pages)

    def page_links(self, current: int, window: int = 2) -> List[int]:
        lo = max(1, current - window)
        hi = min(self.num_pages, current + window)
        return list(range(lo, hi + 1))
