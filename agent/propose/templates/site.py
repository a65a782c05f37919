"""What a fix template sees: one suspect location in one parsed source file, with the failure
that pointed there, the names in scope and the statements around it.

A *site template* is a function ``(Site) -> Iterator[Mutation]``: it reads the site and yields
exact text edits (a character span of the file and its replacement). Templates never parse or
check their results; the proposer does (every candidate must parse and be new).
"""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from homeostasis.core.records import Failure, Suspect
from homeostasis.propose.templates.mutations import Mutation, Source

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
BUILTIN_NAMES = frozenset(dir(builtins))
LOOPS = (ast.For, ast.AsyncFor, ast.While)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
#: Nodes that open a new scope: what is under them does not run where they stand.
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_LINE_END = re.compile(r"(\r\n|\r|\n)\Z")


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
    traceback passes through this line first, else all of them); ``repo`` is the project's
    folder, for templates that read its git history (None: no history to read)."""

    path: str
    source: Source
    tree: ast.Module
    suspect: Suspect
    failures: tuple[Failure, ...] = ()
    repo: Path | None = None
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
        return list(self._nodes)

    @cached_property
    def _nodes(self) -> tuple[ast.AST, ...]:
        skip = self._in_fstrings | self._in_annotations
        return tuple(
            node
            for node in ast.walk(self.tree)
            if self.first <= getattr(node, "lineno", 0) <= self.last and id(node) not in skip
        )

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

    # ── the statements around the suspect ───────────────────────────────────────────────────

    @cached_property
    def innermost_statement(self) -> ast.stmt | None:
        """The innermost statement whose lines (its block included) hold the suspect line."""
        found: ast.stmt | None = None
        line = self.suspect.line
        for node in ast.walk(self.tree):
            if isinstance(node, ast.stmt) and node.lineno <= line <= (node.end_lineno or line):
                found = node
        return found

    @cached_property
    def own_statement(self) -> ast.stmt | None:
        """The innermost statement whose own lines (not its block) hold the suspect line."""
        line, found = self.suspect.line, self.statement
        if found is not None:
            return found
        for node in ast.walk(self.tree):
            if isinstance(node, ast.stmt) and node.lineno <= line <= (node.end_lineno or 0):
                inner = [c.lineno for c in ast.iter_child_nodes(node) if isinstance(c, ast.stmt)]
                if not inner or line < min(inner):
                    found = node
        return found

    def ancestors(self, node: ast.AST) -> Iterator[ast.AST]:
        """The nodes around ``node``, innermost first."""
        parent = self.parents.get(id(node))
        while parent is not None:
            yield parent
            parent = self.parents.get(id(parent))

    def is_callee(self, node: ast.AST) -> bool:
        """Whether ``node`` is the function a call calls."""
        parent = self.parents.get(id(node))
        return isinstance(parent, ast.Call) and parent.func is node

    def in_loop_body(self, node: ast.AST) -> bool:
        """Whether ``node`` is in the body of a loop within its function."""
        child, parent = node, self.parents.get(id(node))
        while parent is not None and not isinstance(parent, SCOPES):
            if isinstance(parent, LOOPS) and any(s is child for s in parent.body):
                return True
            child, parent = parent, self.parents.get(id(parent))
        return False

    def loops_around(self, stmt: ast.stmt) -> list[ast.For | ast.AsyncFor | ast.While]:
        """The loops of its own function a statement is inside, innermost first."""
        loops: list[ast.For | ast.AsyncFor | ast.While] = []
        node: ast.AST | None = self.parents.get(id(stmt))
        while node is not None and not isinstance(node, _FUNCTIONS):
            if isinstance(node, LOOPS):
                loops.append(node)
            node = self.parents.get(id(node))
        return loops

    def owns_lines(self, stmt: ast.stmt) -> bool:
        """Whether a statement has its lines to itself (no ``;`` neighbour, no ``if x: stmt``)
        and is not an ``elif`` (which has no line of its own to insert next to)."""
        text = self.source.text
        start, end = self.source.span(stmt)
        first, last = self.line_span(stmt.lineno, stmt.end_lineno or stmt.lineno)
        after = text[end:last].strip()
        return (not text[first:start].strip() and (not after or after.startswith("#"))
                and not text[start:end].startswith("elif"))

    def dedented(self, stmt: ast.stmt) -> str:
        """The lines of a statement without their common indentation, joined by ``\\n``."""
        start, end = self.line_span(stmt.lineno, stmt.end_lineno or stmt.lineno)
        indent = self.indentation(stmt.lineno)
        lines = self.source.text[start:end].splitlines()
        return "\n".join(x[len(indent):] if x.startswith(indent) else x.lstrip() for x in lines)

    # ── the file's conventions ──────────────────────────────────────────────────────────────

    @cached_property
    def newline(self) -> str:
        """The suspect line's own line ending (``\\n`` when it has none)."""
        start, end = self.line_span(self.suspect.line, self.suspect.line)
        match = _LINE_END.search(self.source.text[start:end])
        return match.group() if match else "\n"

    @cached_property
    def indent_unit(self) -> str:
        """One level of indentation, as the enclosing function's body uses it."""
        fn = self.function
        if fn is not None:
            outer, inner = self.indentation(fn.lineno), self.indentation(fn.body[0].lineno)
            if inner.startswith(outer) and len(inner) > len(outer):
                return inner[len(outer):]
        return "    "

    def module_alias(self, module: str) -> str | None:
        """The name a module is imported as (``import re as regex``), if it is."""
        return next((a.asname or a.name for n in self.tree.body if isinstance(n, ast.Import)
                     for a in n.names if a.name == module), None)

    @cached_property
    def project_exceptions(self) -> tuple[str, ...]:
        """Names of project exception classes usable in the module, most used first: those it
        raises or catches elsewhere, then those it defines or imports by an exception-like
        name."""
        used: list[str] = []
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Raise) and node.exc is not None:
                exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
                used += [exc.id] if isinstance(exc, ast.Name) else []
            elif isinstance(node, ast.ExceptHandler) and node.type is not None:
                used += [n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)]
        kinds = ("Error", "Exception", "Warning")
        defined = [c.name for c in self.tree.body if isinstance(c, ast.ClassDef)
                   and any(self.text(b).endswith(kinds) for b in c.bases)]
        named = [n for n in self.module_names if n.endswith(kinds)]
        return tuple(n for n in dict.fromkeys(used + defined + named)
                     if n in self.module_names and n not in BUILTIN_NAMES)


SiteTemplate = Callable[[Site], Iterator[Mutation]]
