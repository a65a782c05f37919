"""Query trees: tags combined with and / or / not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class Tag:
    name: str

    def matches(self, tags: frozenset[str]) -> bool:
        return self.name in tags


@dataclass(frozen=True)
class Not:
    inner: "Query"

    def matches(self, tags: frozenset[str]) -> bool:
        return not self.inner.matches(tags)


@dataclass(frozen=True)
class And:
    left: "Query"
    right: "Query"

    def matches(self, tags: frozenset[str]) -> bool:
        return self.left.matches(tags) and self.right.matches(tags)


@dataclass(frozen=True)
class Or:
    left: "Query"
    right: "Query"

    def matches(self, tags: frozenset[str]) -> bool:
        return self.left.matches(tags) or self.right.matches(tags)


Query = Union[Tag, Not, And, Or]
