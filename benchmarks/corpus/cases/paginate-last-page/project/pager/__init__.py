"""Split result lists into pages for a listing API."""

from pager.paginator import Page, Paginator

__all__ = ["Page", "Paginator"]
