"""Parsing queries such as ``beach and (sunset or sunrise) and not people``.

Grammar (``not`` binds tightest, then ``and``, then ``or``)::

    query  := term ("or" term)*
    term   := factor ("and" factor)*
    factor := "not" factor | "(" query ")" | TAG
"""

from __future__ import annotations

import re

from phototags.query import And, Not, Or, Query, Tag

_TOKEN = re.compile(r"\s*(?:(\()|(\))|([A-Za-z0-9_-]+))")
KEYWORDS = {"and", "or", "not"}


class QuerySyntaxError(ValueError):
    pass


def tokenize(text: str) -> list[str]:
    tokens, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise QuerySyntaxError(f"unexpected {text[pos:].strip()[0]!r} at {pos}")
        word = m.group(3)
        tokens.append(m.group(1) or m.group(2) or (word.lower() if word.lower() in KEYWORDS else word))
        pos = m.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        tok = self.peek()
        if tok is None:
            raise QuerySyntaxError(f"query ends early, expected {expected or 'a tag'}")
        if expected is not None and tok != expected:
            raise QuerySyntaxError(f"expected {expected!r}, found {tok!r}")
        self.pos += 1
        return tok

    def query(self) -> Query:
        node = self.term()
        while self.peek() == "or":
            self.take("or")
            node = Or(node, self.term())
        return node

    def term(self) -> Query:
        node = self.factor()
        while self.peek() == "and":
            self.take("and")
            node = And(node, self.factor())
        return node

    def factor(self) -> Query:
        tok = self.peek()
        if tok == "not":
            self.take("not")
            return Not(self.factor())
        if tok == "(":
            self.take("(")
            inner = self.query()
            self.take(")")
            return inner
        tok = self.take()
        if tok in KEYWORDS or tok == ")":
            raise QuerySyntaxError(f"expected a tag, found {tok!r}")
        return Tag(tok.lower())


def parse_query(text: str) -> Query:
    parser = _Parser(tokenize(text))
    if parser.peek() is None:
        raise QuerySyntaxError("empty query")
    node = parser.query()
    if parser.peek() is not None:
        raise QuerySyntaxError(f"unexpected {parser.peek()!r} after the query")
    return node
