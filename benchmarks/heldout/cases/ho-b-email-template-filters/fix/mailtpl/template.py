"""Placeholders are ``{{ path }}`` or ``{{ path | filter | filter ... }}``, where
``path`` is a dotted lookup into the context, e.g. ``order.customer.name``.
Whitespace inside the braces is ignored."""

from __future__ import annotations

import re
from typing import Any, Mapping

from mailtpl.filters import apply_filter

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")


class MissingValue(KeyError):
    """The context has nothing at a placeholder's path."""


def lookup(context: Mapping[str, Any], path: str) -> Any:
    value: Any = context
    for part in path.split("."):
        if isinstance(value, Mapping) and part in value:
            value = value[part]
        elif hasattr(value, part):
            value = getattr(value, part)
        else:
            raise MissingValue(path)
    return value


def placeholders(text: str) -> list[str]:
    """The distinct paths a template uses, in order of first appearance."""
    seen: list[str] = []
    for match in PLACEHOLDER.finditer(text):
        path = match.group(1).split("|")[0].strip()
        if path not in seen:
            seen.append(path)
    return seen


def render(text: str, context: Mapping[str, Any]) -> str:
    def substitute(match: re.Match[str]) -> str:
        path, *filters = match.group(1).split("|")
        value = lookup(context, path.strip())
        for name in filters:
            value = apply_filter(name.strip(), value)
        return str(value)

    return PLACEHOLDER.sub(substitute, text)
