"""Syntax-tree facts about source text, from tree-sitter: the scope around a line, the names a
range of lines uses or calls, the statements it holds, and the definitions a file makes.

Tree-sitter is error-tolerant, so every function here still answers (with its best guess) for
files that do not parse as valid Python. Line numbers are 1-based and spans inclusive; a line
is what ends in ``\\n`` (tree-sitter's notion, and Python's for any file that compiles).
Parsed trees are cached by content hash, so asking several questions about one text parses
it once.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

import tree_sitter_python
from tree_sitter import Language, Node, Parser, Query, QueryCursor, Tree

#: Grammars by language name; add an entry (and a ``queries/<name>-tags.scm``) per language.
_GRAMMARS: dict[str, Callable[[], object]] = {"python": tree_sitter_python.language}

_SCOPE_KINDS: dict[str, Literal["function", "class"]] = {
    "function_definition": "function",
    "class_definition": "class",
}
#: Captures of the tags query that mark a definition; other captures (``@name``) are ignored.
_DEFINITION_KINDS: dict[str, Literal["function", "class", "constant"]] = {
    "definition.function": "function",
    "definition.class": "class",
    "definition.constant": "constant",
}
#: Nodes that start a line a fix may change: statements, and the clauses with a condition or
#: an exception type of their own.
_CLAUSES = frozenset({"elif_clause", "except_clause", "case_clause"})
_CACHE_SIZE = 256
_trees: OrderedDict[tuple[str, bytes], Tree] = OrderedDict()


@dataclass(frozen=True)
class Scope:
    """A function or class definition; ``name`` is qualified (``"Cart.total"``) and the span
    includes its decorators."""

    name: str
    kind: Literal["function", "class"]
    start_line: int
    end_line: int


@dataclass(frozen=True)
class Definition:
    """A top-level or class-level function/class, or a module-level assignment (``constant``),
    with its qualified name and line span (decorators included)."""

    name: str
    kind: Literal["function", "class", "constant"]
    start_line: int
    end_line: int

    @property
    def short_name(self) -> str:
        """The last part of the qualified name: what code refers to it as."""
        return self.name.rpartition(".")[2]


@cache
def language(name: str = "python") -> Language:
    """The tree-sitter language called ``name``; KeyError for a language with no grammar."""
    return Language(_GRAMMARS[name]())


def tags_query(name: str = "python") -> Query:
    """The compiled definitions query for language ``name``, read from ``queries/``."""
    return _query(name, "tags")


@cache
def _query(lang: str, kind: str) -> Query:
    text = resources.files(__package__).joinpath("queries", f"{lang}-{kind}.scm").read_text()
    return Query(language(lang), text)


def parse(source: str, lang: str = "python") -> Tree:
    """The syntax tree of ``source`` (cached by content hash; never raises on bad syntax)."""
    data = source.encode("utf-8", "surrogatepass")
    key = (lang, hashlib.blake2b(data, digest_size=16).digest())
    tree = _trees.get(key)
    if tree is None:
        tree = Parser(language(lang)).parse(data)
        _trees[key] = tree
        if len(_trees) > _CACHE_SIZE:
            _trees.popitem(last=False)
    else:
        _trees.move_to_end(key)
    return tree


def enclosing_scope(source: str, line: int) -> Scope | None:
    """The innermost function or class whose span (decorators included) contains ``line``,
    or None when the line is at module level or outside the text."""
    row = line - 1
    best: Node | None = None
    stack = [parse(source).root_node]
    while stack:
        node = stack.pop()
        for child in node.children:
            if _contains(child, row):
                stack.append(child)
            is_scope = child.type in _SCOPE_KINDS and _contains(_with_decorators(child), row)
            if is_scope and (best is None or child.start_byte > best.start_byte):
                best = child
    if best is None:
        return None
    start, end = _span(_with_decorators(best))
    return Scope(_qualified_name(best), _SCOPE_KINDS[best.type], start, end)


def identifiers_in(source: str, start_line: int, end_line: int) -> set[str]:
    """Every identifier that starts within lines ``start_line``..``end_line``: variable and
    function names, attribute names (``b`` in ``a.b``), parameters and keyword-argument names."""
    first, last = start_line - 1, end_line - 1
    names: set[str] = set()
    stack = [parse(source).root_node]
    while stack:
        node = stack.pop()
        if node.end_point.row < first or node.start_point.row > last:
            continue
        if node.type == "identifier" and node.start_point.row >= first:
            names.add(_text(node))
        stack.extend(node.children)
    return names


def calls_in(source: str, start_line: int, end_line: int, lang: str = "python") -> set[str]:
    """The names called within lines ``start_line``..``end_line``: ``f`` for ``f(x)``, ``m``
    for ``obj.m(x)`` (the ``queries/<lang>-calls.scm`` query)."""
    cursor = QueryCursor(_query(lang, "calls"))
    cursor.set_point_range((start_line - 1, 0), (end_line, 0))
    captures = cursor.captures(parse(source, lang).root_node)
    return {_text(node) for node in captures.get("name", [])}


def statement_lines(source: str, start_line: int, end_line: int) -> list[int]:
    """The first line of every statement (and ``elif``/``except``/``case`` clause) that starts
    within lines ``start_line``..``end_line``, docstrings and other lone strings left out, in
    order."""
    first, last = start_line - 1, end_line - 1
    rows: set[int] = set()
    stack = [parse(source).root_node]
    while stack:
        node = stack.pop()
        if node.end_point.row < first or node.start_point.row > last:
            continue
        is_statement = node.type.endswith("_statement") or node.type in _CLAUSES
        lone_string = node.type == "expression_statement" and node.named_child_count == 1 and (
            node.named_children[0].type == "string")
        if is_statement and not lone_string and node.start_point.row >= first:
            rows.add(node.start_point.row)
        stack.extend(node.children)
    return [row + 1 for row in sorted(rows)]


def definitions(source: str, lang: str = "python") -> list[Definition]:
    """Top-level and class-level functions and classes, and module-level assignments to a
    single name, in source order. Definitions nested inside functions are left out."""
    found: list[Definition] = []
    root = parse(source, lang).root_node
    for _, captures in QueryCursor(tags_query(lang)).matches(root):
        for capture, nodes in captures.items():
            kind, node = _DEFINITION_KINDS.get(capture), nodes[0]
            if kind is None or _inside_function(node):
                continue
            if node.type in _SCOPE_KINDS:
                name = _qualified_name(node)
            else:
                name = _text(captures["name"][0])
            start, end = _span(_with_decorators(node))
            found.append(Definition(name, kind, start, end))
    found.sort(key=lambda d: (d.start_line, d.end_line, d.name))
    return found


def _contains(node: Node, row: int) -> bool:
    start, end = _span(node)
    return start <= row + 1 <= end


def _span(node: Node) -> tuple[int, int]:
    """The 1-based inclusive line span of ``node``; a node ending at column 0 of a line (that
    is, right after a newline) does not reach into that line."""
    start, end = node.start_point, node.end_point
    last = end.row - 1 if end.column == 0 and end.row > start.row else end.row
    return start.row + 1, last + 1


def _with_decorators(node: Node) -> Node:
    parent = node.parent
    return parent if parent is not None and parent.type == "decorated_definition" else node


def _inside_function(node: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.type == "function_definition":
            return True
        parent = parent.parent
    return False


def _qualified_name(node: Node) -> str:
    parts: list[str] = []
    current: Node | None = node
    while current is not None:
        if current.type in _SCOPE_KINDS:
            name = current.child_by_field_name("name")
            parts.append(_text(name) if name is not None else "?")
        current = current.parent
    return ".".join(reversed(parts))


def _text(node: Node) -> str:
    return (node.text or b"").decode("utf-8", "replace")
