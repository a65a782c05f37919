"""Splitting program text into numbers and words."""

from __future__ import annotations

from stackvm.errors import VMError


def tokenize(source: str) -> list[int | str]:
    """Whitespace-separated tokens; integers become ints, words are lower-cased.

    ``#`` starts a comment that runs to the end of the line.
    """
    tokens: list[int | str] = []
    for line in source.splitlines():
        code = line.split("#", 1)[0]
        for word in code.split():
            if word.lstrip("-").isdigit():
                tokens.append(int(word))
            elif word.isprintable():
                tokens.append(word.lower())
            else:
                raise VMError(f"bad token {word!r}")
    return tokens
