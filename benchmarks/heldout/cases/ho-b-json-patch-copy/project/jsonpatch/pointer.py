"""RFC 6901 JSON Pointers."""

from __future__ import annotations

from typing import Any


class PointerError(ValueError):
    """A pointer that is malformed or does not lead anywhere in the document."""


def parse_pointer(pointer: str) -> list[str]:
    """``"/a/b~1c"`` -> ``["a", "b/c"]``; the empty pointer is the whole document."""
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise PointerError(f"pointer must start with '/': {pointer!r}")
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer[1:].split("/")]


def array_index(container: list[Any], token: str, allow_end: bool = False) -> int:
    if token == "-" and allow_end:
        return len(container)
    if not token.isdigit() or (len(token) > 1 and token[0] == "0"):
        raise PointerError(f"bad array index {token!r}")
    index = int(token)
    limit = len(container) if allow_end else len(container) - 1
    if index > limit:
        raise PointerError(f"array index {index} out of range")
    return index


def resolve(document: Any, tokens: list[str]) -> Any:
    """The value the tokens lead to."""
    node = document
    for token in tokens:
        if isinstance(node, dict):
            if token not in node:
                raise PointerError(f"no member {token!r}")
            node = node[token]
        elif isinstance(node, list):
            node = node[array_index(node, token)]
        else:
            raise PointerError(f"cannot descend into {type(node).__name__}")
    return node
