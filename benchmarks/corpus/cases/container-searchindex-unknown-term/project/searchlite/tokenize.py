from __future__ import annotations

import re

STOPWORDS = frozenset({"a", "an", "and", "in", "of", "on", "or", "the", "to"})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def tokenize(text: str) -> list[str]:
    """Lower-cased words of ``text`` without stop words, in order of appearance."""
    return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS]
