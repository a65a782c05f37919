"""An in-memory full-text index with boolean search and term-frequency ranking."""

from searchlite.index import InvertedIndex
from searchlite.tokenize import STOPWORDS, tokenize

__all__ = ["STOPWORDS", "InvertedIndex", "tokenize"]
