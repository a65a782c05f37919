"""Applying a whole patch."""

from __future__ import annotations

import copy
from typing import Any, Iterable, Mapping

from jsonpatch import ops


def _apply_one(doc: Any, op: Mapping[str, Any]) -> None:
    name = op.get("op")
    if name == "add":
        ops.add(doc, op["path"], op["value"])
    elif name == "remove":
        ops.remove(doc, op["path"])
    elif name == "replace":
        ops.replace(doc, op["path"], op["value"])
    elif name == "move":
        ops.move(doc, op["from"], op["path"])
    elif name == "copy":
        ops.copy_value(doc, op["from"], op["path"])
    elif name == "test":
        ops.test(doc, op["path"], op["value"])
    else:
        raise ValueError(f"unknown operation {name!r}")


def apply_patch(document: Any, patch: Iterable[Mapping[str, Any]]) -> Any:
    """Return the document with every operation of ``patch`` applied in order.

    The caller's ``document`` is never modified: if any operation fails, its error
    is raised and the original is exactly as it was.
    """
    doc = copy.deepcopy(document)
    for op in patch:
        _apply_one(doc, op)
    return doc
