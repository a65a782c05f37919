"""Books the library owns and whether they are on the shelf."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Book:
    isbn: str
    title: str
    author: str


class Catalog:
    def __init__(self) -> None:
        self._books: dict[str, Book] = {}
        self._on_shelf: set[str] = set()

    def add(self, book: Book) -> None:
        if book.isbn in self._books:
            raise ValueError(f"duplicate isbn {book.isbn}")
        self._books[book.isbn] = book
        self._on_shelf.add(book.isbn)

    def get(self, isbn: str) -> Book:
        try:
            return self._books[isbn]
        except KeyError:
            raise KeyError(f"no book with isbn {isbn}") from None

    def is_available(self, isbn: str) -> bool:
        return isbn in self._on_shelf

    def take(self, isbn: str) -> Book:
        book = self.get(isbn)
        if isbn not in self._on_shelf:
            raise ValueError(f"{book.title!r} is already on loan")
        self._on_shelf.remove(isbn)
        return book

    def put_back(self, isbn: str) -> None:
        self.get(isbn)
        self._on_shelf.add(isbn)
