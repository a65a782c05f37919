"""The merged settings and dotted-path access to them."""

from __future__ import annotations

from typing import Any, Mapping

from layered.merge import deep_merge

_MISSING = object()


class Settings:
    def __init__(self, *layers: Mapping[str, Any]) -> None:
        """Later layers override earlier ones."""
        data: Any = {}
        for layer in layers:
            data = deep_merge(data, dict(layer))
        self.data: dict[str, Any] = data

    def get(self, path: str, default: Any = None) -> Any:
        node: Any = self.data
        for part in path.split("."):
            if not isinstance(node, dict):
                return default
            node = node.get(part, _MISSING)
            if node is _MISSING:
                return default
        return node

    def section(self, name: str) -> dict[str, Any]:
        value = self.data.get(name)
        return dict(value) if isinstance(value, dict) else {}
