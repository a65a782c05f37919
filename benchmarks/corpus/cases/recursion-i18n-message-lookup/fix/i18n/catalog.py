"""Nested message catalogs, one per locale, addressed by dotted keys."""

from __future__ import annotations

from typing import Any

from i18n.locales import fallback_chain
from i18n.text import interpolate, plural_category

Node = Any  # a message (str), a set of plural forms, or a dict of further keys


class MissingMessage(KeyError):
    pass


def _find(node: Node, parts: list[str], key: str) -> Node:
    """The node reached by following ``parts`` down from ``node``."""
    if not parts:
        return node
    head, rest = parts[0], parts[1:]
    if not isinstance(node, dict) or head not in node:
        raise MissingMessage(key)
    return _find(node[head], rest, key)


def _is_plural(node: Node) -> bool:
    return isinstance(node, dict) and "other" in node and all(isinstance(v, str) for v in node.values())


class Catalog:
    def __init__(self, messages: dict[str, dict[str, Node]], default_locale: str = "en") -> None:
        self.messages = messages
        self.default_locale = default_locale

    def message(self, locale: str, key: str) -> Node:
        """The raw entry for ``key``, from the first locale in the fallback chain that has it."""
        parts = key.split(".")
        for loc in fallback_chain(locale, self.default_locale):
            try:
                return _find(self.messages.get(loc, {}), parts, key)
            except MissingMessage:
                continue
        raise MissingMessage(key)

    def has(self, locale: str, key: str) -> bool:
        try:
            node = self.message(locale, key)
        except MissingMessage:
            return False
        return isinstance(node, str) or _is_plural(node)

    def translate(self, locale: str, key: str, **params: Any) -> str:
        node = self.message(locale, key)
        if _is_plural(node):
            if "count" not in params:
                raise ValueError(f"{key} has plural forms and needs a count")
            node = node.get(plural_category(params["count"]), node["other"])
        if not isinstance(node, str):
            raise MissingMessage(key)
        return interpolate(node, params)
