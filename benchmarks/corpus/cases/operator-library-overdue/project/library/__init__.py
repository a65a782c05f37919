"""Circulation desk for a small lending library."""

from library.catalog import Book, Catalog
from library.desk import BorrowingBlocked, Desk
from library.loans import Loan

__all__ = ["Book", "BorrowingBlocked", "Catalog", "Desk", "Loan"]
