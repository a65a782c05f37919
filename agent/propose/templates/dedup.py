"""The programs the engine has already offered, compared by AST so that an edit which only
differs in layout from an earlier one (``a<b`` and ``a < b``), or changes nothing a program
does, is never tried.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

from homeostasis.core.project import parse_python
from homeostasis.propose.templates.mutations import Mutation
from homeostasis.propose.templates.site import Site


class Offered:
    """The programs already offered, by AST, so none is offered twice; the original program
    counts as offered. An edit changes one statement, so only the innermost statement holding
    the changed lines is compared (whole-module ASTs cost more than the rest of the search)."""

    def __init__(self, sites: Sequence[Site]) -> None:
        self._trees = {s.path: s.tree for s in sites}
        self._texts = {s.path: s.source.text for s in sites}
        self._original: dict[tuple[str, int, int], tuple[str, str, ast.AST]] = {}
        self._seen: set[frozenset[tuple[str, str, str]]] = set()

    def fresh(self, edits: dict[str, tuple[str, list[Mutation]]]
              ) -> list[tuple[ast.AST, ast.AST]] | None:
        """When the new files ``edits`` (path → its new text and the edits that made it) all
        parse and, together, make a program not offered before: the statements they changed,
        before and after (and the program now counts as offered); else None."""
        key, changes = [], []
        for path, (text, mutations) in edits.items():
            tree = parse_python(text)
            if tree is None:
                return None
            first, last = _lines_changed(self._texts[path], text, mutations)
            where, node = _enclosing(tree, first, last)
            if (path, first, last) not in self._original:
                old_where, old_node = _enclosing(self._trees[path], first, last)
                self._original[(path, first, last)] = (old_where, ast.dump(old_node), old_node)
            old_where, old_dump, old_node = self._original[(path, first, last)]
            new = (where, ast.dump(node))
            if new != (old_where, old_dump):
                key.append((path, *new))
                changes.append((old_node, node))
        program = frozenset(key)
        if not program or program in self._seen:
            return None
        self._seen.add(program)
        return changes


def _lines_changed(old: str, new: str, mutations: Sequence[Mutation]) -> tuple[int, int]:
    """The lines of ``new`` that ``mutations`` (at offsets of ``old``) wrote; with the line on
    each side when an edit adds or removes lines (a deleted line leaves only its
    neighbours)."""
    shift, first, last = 0, len(new), 0
    for m in sorted(mutations, key=lambda m: m.start):
        start = m.start + shift
        end = start + len(m.replacement)
        widen = int(m.replacement.count("\n") != old.count("\n", m.start, m.end))
        first = min(first, new.count("\n", 0, start) + 1 - widen)
        # an emptied span's own line is already the one after it
        last = max(last, new.count("\n", 0, max(start, end - 1)) + 1
                   + (widen if m.replacement else 0))
        shift += len(m.replacement) - (m.end - m.start)
    return first, last


_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def _enclosing(tree: ast.Module, first: int, last: int) -> tuple[str, ast.AST]:
    """Where the innermost statement holding lines ``first``..``last`` is (its block fields
    and indexes from the module down, with each block's length) and the statement; the module
    itself when no statement holds them all."""
    node: ast.AST = tree
    where: list[str] = []
    while True:
        for name in _BLOCKS:
            block = getattr(node, name, None) or []
            inner = next((i for i, child in enumerate(block)
                          if _start(child) <= first
                          and last <= (getattr(child, "end_lineno", 0) or 0)), None)
            if inner is not None:
                where.append(f"{name}[{inner}/{len(block)}]")
                node = block[inner]
                break
        else:
            return "/".join(where), node


def _start(node: ast.AST) -> int:
    """The first line of a statement, its decorators included."""
    decorators: list[ast.expr] = getattr(node, "decorator_list", [])
    line: int = getattr(node, "lineno", 0)
    return min([line, *(d.lineno for d in decorators)])
