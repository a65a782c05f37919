"""Pagination of an in-memory result list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Sequence, TypeVar

T = TypeVar("T")


class PageError(ValueError):
    """A page number outside the range of pages."""


@dataclass(frozen=True)
class Page(Generic[T]):
    number: int
    items: tuple[T, ...]
    has_next: bool
    has_previous: bool


class Paginator(Generic[T]):
    def __init__(self, items: Sequence[T], per_page: int) -> None:
        if per_page < 1:
            raise ValueError("per_page must be at least 1")
        self.items = list(items)
        self.per_page = per_page

    @property
    def page_count(self) -> int:
        """How many pages the items fill; an empty list still has one (empty) page."""
        if not self.items:
            return 1
        return len(self.items) // self.per_page

    def page(self, number: int) -> Page[T]:
        if not 1 <= number <= self.page_count:
            raise PageError(f"page {number} is out of range 1..{self.page_count}")
        start = (number - 1) * self.per_page
        chunk = tuple(self.items[start : start + self.per_page])
        return Page(number, chunk, number < self.page_count, number > 1)

    def pages(self) -> list[Page[T]]:
        return [self.page(n) for n in range(1, self.page_count + 1)]
