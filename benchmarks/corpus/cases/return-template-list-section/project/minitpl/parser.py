"""Template text to a tree of nodes.

``{{name}}`` inserts an escaped value, ``{{{name}}}`` an unescaped one,
``{{#name}}...{{/name}}`` is a section and ``{{^name}}...{{/name}}`` an inverted one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TAG = re.compile(r"\{\{\{\s*([\w.]+)\s*\}\}\}|\{\{\s*([#^/]?)\s*([\w.]+)\s*\}\}")


class TemplateSyntaxError(ValueError):
    pass


@dataclass
class Text:
    text: str


@dataclass
class Var:
    name: str
    escape: bool = True


@dataclass
class Section:
    name: str
    inverted: bool = False
    children: list[object] = field(default_factory=list)


def parse(source: str) -> list[object]:
    root: list[object] = []
    stack: list[tuple[Section | None, list[object]]] = [(None, root)]
    pos = 0
    for m in _TAG.finditer(source):
        body = stack[-1][1]
        if m.start() > pos:
            body.append(Text(source[pos:m.start()]))
        pos = m.end()
        if m.group(1):
            body.append(Var(m.group(1), escape=False))
            continue
        sigil, name = m.group(2), m.group(3)
        if sigil in ("#", "^"):
            section = Section(name, inverted=sigil == "^")
            body.append(section)
            stack.append((section, section.children))
        elif sigil == "/":
            open_section = stack[-1][0]
            if open_section is None or open_section.name != name:
                raise TemplateSyntaxError(f"unexpected {{{{/{name}}}}}")
            stack.pop()
        else:
            body.append(Var(name))
    if len(stack) > 1:
        raise TemplateSyntaxError(f"unclosed section {stack[-1][0].name!r}")
    if pos < len(source):
        root.append(Text(source[pos:]))
    return root
