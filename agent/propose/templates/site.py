"""What a fix template sees: one suspect location in one parsed source file, with the failure
that pointed there and the names in scope.

A *site template* is a function ``(Site) -> Iterator[Mutation]``: it reads the site and yields
exact text edits (a character span of the file and its replacement). Templates never parse or
check their results; the proposer does (every candidate must parse and be new).
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from homeostasis.core.records import Failure, Suspect
from homeostasis.propose.templates.mutations import Mutation, Source

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
BUILTIN_NAMES = frozenset(dir(builtins))


def region(tree: ast.Module, line: int) -> tuple[int, int]:
    """The lines a suspect on ``line`` covers: the whole of a simple statement starting there,
    the header of a compound statement starting there, else the line alone."""
    end = line
    for node in ast.walk(tree):
        if not isinstance(node, ast.stmt) or node.lineno != line:
            continue
        children = list(ast.iter_child_nodes(node))
        header = [
            c for c in children if not isinstance(c, (ast.stmt, ast.excepthandler, ast.match_case))
        ]
        if len(header) == len(children):  # a simple statement: all of it
            end = max(end, node.end_lineno or line)
        else:  # a compound statement: its header only
            ends = (getattr(n, "end_lineno", None) for c in header for n in ast.walk(c))
            end = max([end, *(e for e in ends if isinstance(e, int))])
    return line, end


@dataclass(frozen=True)
class Site:
    """A suspect line in a parsed file. ``failures`` are the failing tests' records (those whose
    traceback passes through this line first, else all of them)."""

    path: str
    source: Source
    tree: ast.Module
    suspect: Suspect
    failures: tuple[Failure, ...] = ()
    first: int = field(init=False)
    last: int = field(init=False)

    def __post_init__(self) -> None:
        first, last = region(self.tree, self.suspect.line)
        object.__setattr__(self, "first", first)
        object.__setattr__(self, "last", last)

    @cached_property
    def parents(self) -> dict[int, ast.AST]:
        """``id(node)`` → its parent node, for the whole module."""
        return {id(c): n for n in ast.walk(self.tree) for c in ast.iter_child_nodes(n)}

    @cached_property
    def _in_fstrings(self) -> frozenset[int]:
        # Python 3.11 gives nodes inside f-strings unreliable positions: leave them alone.
        return frozenset(
            id(inner)
            for node in ast.walk(self.tree)
            if isinstance(node, ast.JoinedStr)
            for inner in ast.walk(node)
            if inner is not node
        )

    @cached_property
    def _in_annotations(self) -> frozenset[int]:
        # Type annotations do not run: editing them never changes what a test sees.
        roots: list[ast.AST] = []
        for node in ast.walk(self.tree):
            if isinstance(node, (ast.AnnAssign, ast.arg)) and node.annotation is not None:
                roots.append(node.annotation)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns:
                roots.append(node.returns)
        return frozenset(id(inner) for root in roots for inner in ast.walk(root))

    def nodes(self) -> list[ast.AST]:
        """Every node that starts on the suspect's lines, outside f-strings and type
        annotations, in walk order."""
        skip = self._in_fstrings | self._in_annotations
        return [
            node
            for node in ast.walk(self.tree)
            if self.first <= getattr(node, "lineno", 0) <= self.last and id(node) not in skip
        ]

    @cached_property
    def statement(self) -> ast.stmt | None:
        """The innermost statement that starts on the suspect line."""
        found: ast.stmt | None = None
        for node in ast.walk(self.tree):
            if isinstance(node, ast.stmt) and node.lineno == self.suspect.line:
                found = node  # breadth-first: later matches are inner ones
        return found

    @cached_property
    def function(self) -> FunctionNode | None:
        """The innermost function enclosing the suspect line."""
        found: FunctionNode | None = None
        for node in ast.walk(self.tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
                node.lineno <= self.suspect.line <= (node.end_lineno or node.lineno)
            ):
                found = node
        return found

    def enclosing_body(self, stmt: ast.stmt) -> tuple[ast.AST, str, list[ast.stmt]] | None:
        """(parent, field name, statement list) of the block that holds ``stmt``."""
        parent = self.parents.get(id(stmt))
        if parent is None:
            return None
        for name in ("body", "orelse", "finalbody", "handlers"):
            block = getattr(parent, name, None)
            if isinstance(block, list) and any(s is stmt for s in block):
                return parent, name, block
        return None

    @cached_property
    def local_names(self) -> tuple[str, ...]:
        """Parameters and names assigned in the enclosing function, in order of appearance."""
        fn = self.function
        if fn is None:
            return ()
        names: list[str] = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args,
                                            *fn.args.kwonlyargs)]
        names += [a.arg for a in (fn.args.vararg, fn.args.kwarg) if a is not None]
        for node in ast.walk(fn):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.append(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node is not fn:
                names.append(node.name)
        return tuple(dict.fromkeys(names))

    @cached_property
    def module_names(self) -> tuple[str, ...]:
        """Names bound at module level: imports, functions, classes, assignments."""
        names: list[str] = []
        for node in self.tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.append(node.name)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names += [(a.asname or a.name).split(".")[0] for a in node.names]
            elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names += [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
        return tuple(dict.fromkeys(names))

    @cached_property
    def self_attributes(self) -> tuple[str, ...]:
        """Attribute names used on ``self`` anywhere in the enclosing class (or module)."""
        cls = next((n for n in ast.walk(self.tree) if isinstance(n, ast.ClassDef)
                    and n.lineno <= self.suspect.line <= (n.end_lineno or n.lineno)), None)
        scope: ast.AST = cls if cls is not None else self.tree
        return tuple(dict.fromkeys(
            n.attr for n in ast.walk(scope)
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
            and n.value.id == "self"
        ))

    @cached_property
    def exception(self) -> Failure | None:
        """The failure raised on this line (innermost project frame here), if any."""
        for failure in self.failures:
            frames = [f for f in failure.frames if f.in_project and not f.is_test]
            if frames and frames[-1].path == self.path and frames[-1].line == self.suspect.line:
                return failure
        return None

    def text(self, node: ast.AST) -> str:
        """The source text of a node."""
        if not isinstance(node, (ast.expr, ast.stmt)):
            return ""
        start, end = self.source.span(node)
        return self.source.text[start:end]

    def line_span(self, first: int, last: int) -> tuple[int, int]:
        """Character span of whole lines ``first``..``last`` (1-based, newline included)."""
        return self.source.line_start(first), self.source.line_start(last + 1)

    def indentation(self, line: int) -> str:
        """The leading whitespace of a line."""
        start, end = self.line_span(line, line)
        text = self.source.text[start:end]
        return text[: len(text) - len(text.lstrip())]


SiteTemplate = Callable[[Site], Iterator[Mutation]]
