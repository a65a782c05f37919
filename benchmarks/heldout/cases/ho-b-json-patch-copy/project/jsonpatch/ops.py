"""The six patch operations, each changing ``doc`` in place."""

from __future__ import annotations

import copy
from typing import Any

from jsonpatch.pointer import PointerError, array_index, parse_pointer, resolve


class PatchConflict(Exception):
    """A ``test`` operation found a different value than expected."""


def _parent(doc: Any, path: str) -> tuple[Any, str]:
    tokens = parse_pointer(path)
    if not tokens:
        raise PointerError("operation needs a path below the document root")
    return resolve(doc, tokens[:-1]), tokens[-1]


def add(doc: Any, path: str, value: Any) -> None:
    parent, last = _parent(doc, path)
    if isinstance(parent, list):
        parent.insert(array_index(parent, last, allow_end=True), value)
    elif isinstance(parent, dict):
        parent[last] = value
    else:
        raise PointerError(f"cannot add into {type(parent).__name__}")


def remove(doc: Any, path: str) -> Any:
    parent, last = _parent(doc, path)
    if isinstance(parent, list):
        return parent.pop(array_index(parent, last))
    if isinstance(parent, dict) and last in parent:
        return parent.pop(last)
    raise PointerError(f"nothing to remove at {path}")


def replace(doc: Any, path: str, value: Any) -> None:
    remove(doc, path)
    add(doc, path, value)


def move(doc: Any, from_path: str, path: str) -> None:
    if path.startswith(from_path + "/"):
        raise PointerError("cannot move a value into itself")
    add(doc, path, remove(doc, from_path))


def copy_value(doc: Any, from_path: str, path: str) -> None:
    add(doc, path, copy.deepcopy(resolve(doc, parse_pointer(from_path))))


def test(doc: Any, path: str, value: Any) -> None:
    actual = resolve(doc, parse_pointer(path))
    if actual != value or type(actual) is not type(value):
        raise PatchConflict(f"{path}: expected {value!r}, found {actual!r}")
