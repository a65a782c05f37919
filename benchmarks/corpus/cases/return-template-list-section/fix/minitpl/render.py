"""Rendering a parsed template against a context."""

from __future__ import annotations

import html
from typing import Any, Mapping

from minitpl.parser import Section, Text, Var, parse


class Scope:
    """A stack of contexts; names are looked up from the innermost outwards."""

    def __init__(self, frames: tuple[Any, ...]) -> None:
        self.frames = frames

    def push(self, frame: Any) -> Scope:
        return Scope(self.frames + (frame,))

    def lookup(self, name: str) -> Any:
        if name == ".":
            return self.frames[-1]
        first, *rest = name.split(".")
        for frame in reversed(self.frames):
            if isinstance(frame, Mapping) and first in frame:
                value = frame[first]
                break
        else:
            return None
        for part in rest:
            value = value.get(part) if isinstance(value, Mapping) else None
        return value


def _to_text(value: Any) -> str:
    return "" if value is None else str(value)


def _render_each(children: list[object], scope: Scope, items: list[Any]) -> str:
    """The children rendered once per item, with the item as the innermost context."""
    out = []
    for item in items:
        out.append(render_nodes(children, scope.push(item)))
    return "".join(out)


def _render_section(node: Section, scope: Scope) -> str:
    value = scope.lookup(node.name)
    empty = not value
    if node.inverted:
        return render_nodes(node.children, scope) if empty else ""
    if empty:
        return ""
    if isinstance(value, (list, tuple)):
        return _render_each(node.children, scope, list(value))
    if isinstance(value, Mapping):
        return render_nodes(node.children, scope.push(value))
    return render_nodes(node.children, scope)


def render_nodes(nodes: list[object], scope: Scope) -> str:
    parts = []
    for node in nodes:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, Var):
            text = _to_text(scope.lookup(node.name))
            parts.append(html.escape(text) if node.escape else text)
        elif isinstance(node, Section):
            parts.append(_render_section(node, scope))
    return "".join(parts)


class Template:
    def __init__(self, source: str) -> None:
        self.nodes = parse(source)

    def render(self, context: Mapping[str, Any] | None = None) -> str:
        return render_nodes(self.nodes, Scope((context or {},)))


def render(source: str, context: Mapping[str, Any] | None = None) -> str:
    return Template(source).render(context)
