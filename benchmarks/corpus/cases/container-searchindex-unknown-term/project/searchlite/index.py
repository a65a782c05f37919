from __future__ import annotations

from collections import Counter

from searchlite.tokenize import tokenize


class InvertedIndex:
    def __init__(self) -> None:
        self._postings: dict[str, set[str]] = {}
        self._counts: dict[str, Counter[str]] = {}

    def add(self, doc_id: str, text: str) -> None:
        if doc_id in self._counts:
            raise ValueError(f"document {doc_id!r} is already indexed")
        words = tokenize(text)
        self._counts[doc_id] = Counter(words)
        for word in words:
            self._postings.setdefault(word, set()).add(doc_id)

    def __len__(self) -> int:
        return len(self._counts)

    def vocabulary(self) -> list[str]:
        return sorted(self._postings)

    def _docs_for(self, term: str) -> set[str]:
        """Ids of the documents containing ``term`` (empty if none does)."""
        return self._postings[term]

    def _rank(self, docs: set[str], terms: list[str]) -> list[str]:
        def score(doc: str) -> int:
            return sum(self._counts[doc][t] for t in terms)
        return sorted(docs, key=lambda d: (-score(d), d))

    def search(self, query: str) -> list[str]:
        """Documents containing every word of ``query``, best matches first."""
        terms = tokenize(query)
        if not terms:
            return []
        docs = set.intersection(*(self._docs_for(t) for t in terms))
        return self._rank(docs, terms)

    def search_any(self, query: str) -> list[str]:
        """Documents containing at least one word of ``query``, best matches first."""
        terms = tokenize(query)
        docs: set[str] = set()
        for term in terms:
            docs |= self._docs_for(term)
        return self._rank(docs, terms)
