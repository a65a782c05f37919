"""Settings from environment variables such as ``APP__DB__HOST=db.local``."""

from __future__ import annotations

import json
from typing import Any, Mapping


def _coerce(raw: str) -> Any:
    """JSON scalars (numbers, true/false, null) and JSON lists/objects are decoded;
    anything else stays a string."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def from_environ(environ: Mapping[str, str], prefix: str = "APP") -> dict[str, Any]:
    """Nested settings from variables named ``PREFIX__SECTION__KEY`` (lower-cased)."""
    marker = prefix + "__"
    result: dict[str, Any] = {}
    for name in sorted(environ):
        if not name.startswith(marker):
            continue
        path = [part.lower() for part in name[len(marker):].split("__") if part]
        if not path:
            continue
        node = result
        for part in path[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        node[path[-1]] = _coerce(environ[name])
    return result
