"""Whole-line statement edits: the helpers the statement templates share, and the template that
inserts a copy of nearby code (GenProg/ARJA).

Every edit replaces or inserts whole lines, indented like its neighbours and ending with the
suspect line's own newline.
"""

from __future__ import annotations

import ast
import re
from collections import deque
from collections.abc import Iterator

from homeostasis.propose.templates.mutations import OTHER, Mutation
from homeostasis.propose.templates.site import Site

#: Statements never deleted, moved or copied.
FIXED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom,
         ast.Global, ast.Nonlocal, ast.Pass)
#: Statements after which nothing in the same block runs.
JUMPS = (ast.Return, ast.Raise, ast.Break, ast.Continue)
#: Methods that change their receiver in place.
MUTATORS = frozenset({"append", "extend", "insert", "add", "update", "pop", "remove", "clear",
                      "discard", "sort", "reverse", "setdefault", "appendleft", "popleft"})
#: Lines around the suspect that code is copied from, and the edits one template yields.
NEARBY, CAP = 15, 6
_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_LINE_END = re.compile(r"(\r\n|\r|\n)\Z")


def walk_scope(node: ast.AST) -> Iterator[ast.AST]:
    """``node`` and the nodes under it, breadth first, not entering nested functions, classes
    or lambdas."""
    todo = deque([node])
    while todo:
        current = todo.popleft()
        yield current
        todo.extend(c for c in ast.iter_child_nodes(current) if not isinstance(c, _SCOPES))


def key(node: ast.AST) -> str | None:
    """``name`` for a variable, ``self.attr`` for an attribute of ``self``, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id == "self"):
        return f"self.{node.attr}"
    return None


def _root(node: ast.AST) -> str | None:
    """The variable a target such as ``x[i]``, ``self.a.b`` or ``obj.attr`` belongs to."""
    while key(node) is None and isinstance(node, (ast.Subscript, ast.Attribute)):
        node = node.value
    return key(node)


def writes(node: ast.AST) -> set[str]:
    """The variables and ``self`` attributes a node assigns, updates or mutates in place."""
    nodes = list(walk_scope(node))
    loop_vars = {id(t) for n in nodes if isinstance(n, ast.comprehension)
                 for t in ast.walk(n.target)}
    found: set[str | None] = set()
    for n in nodes:
        if (isinstance(n, (ast.Name, ast.Attribute, ast.Subscript))
                and isinstance(n.ctx, ast.Store) and id(n) not in loop_vars):
            found.add(_root(n))
        elif (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
              and n.func.attr in MUTATORS):
            found.add(_root(n.func.value))
    return {k for k in found if k is not None}


def reads(node: ast.AST) -> set[str]:
    """The variables and ``self`` attributes a node reads."""
    return {k for n in walk_scope(node) if isinstance(getattr(n, "ctx", None), ast.Load)
            and (k := key(n)) is not None}


def loops_around(site: Site, stmt: ast.stmt) -> list[ast.For | ast.AsyncFor | ast.While]:
    """The loops of its own function a statement is inside, innermost first."""
    loops: list[ast.For | ast.AsyncFor | ast.While] = []
    node: ast.AST | None = site.parents.get(id(stmt))
    while node is not None and not isinstance(node, _FUNCTIONS):
        if isinstance(node, _LOOPS):
            loops.append(node)
        node = site.parents.get(id(node))
    return loops


def header(stmt: ast.stmt) -> list[ast.AST]:
    """A statement's own parts: all of a simple statement, the header of a compound one."""
    return [c for c in ast.iter_child_nodes(stmt)
            if not isinstance(c, (ast.stmt, ast.excepthandler, ast.match_case))]


def suspect_statement(site: Site) -> ast.stmt | None:
    """The innermost statement whose lines include the suspect line."""
    found: ast.stmt | None = None
    line = site.suspect.line
    for node in ast.walk(site.tree):
        if isinstance(node, ast.stmt) and node.lineno <= line <= (node.end_lineno or line):
            found = node
    return found


def owns_lines(site: Site, stmt: ast.stmt) -> bool:
    """Whether a statement has its lines to itself (no ``;`` neighbour, no ``if x: stmt``)
    and is not an ``elif`` (which has no line of its own to insert next to)."""
    text = site.source.text
    start, end = site.source.span(stmt)
    first, last = site.line_span(stmt.lineno, stmt.end_lineno or stmt.lineno)
    after = text[end:last].strip()
    return (not text[first:start].strip() and (not after or after.startswith("#"))
            and not text[start:end].startswith("elif"))


def newline(site: Site) -> str:
    """The suspect line's own line ending (``\\n`` when it has none)."""
    start, end = site.line_span(site.suspect.line, site.suspect.line)
    match = _LINE_END.search(site.source.text[start:end])
    return match.group() if match else "\n"


def dedented(site: Site, stmt: ast.stmt) -> str:
    """The lines of a statement without their common indentation, joined by ``\\n``."""
    start, end = site.line_span(stmt.lineno, stmt.end_lineno or stmt.lineno)
    indent = site.indentation(stmt.lineno)
    lines = site.source.text[start:end].splitlines()
    return "\n".join(x[len(indent):] if x.startswith(indent) else x.lstrip() for x in lines)


def insertion(site: Site, line: int, indent: str, body: str, anchor: ast.stmt, family: str,
              tier: int, rank: int) -> Mutation:
    """Insert ``body`` (``\\n``-separated lines, unindented) as whole lines before ``line``,
    indented by ``indent``; the description quotes it together with ``anchor``."""
    nl, text = newline(site), site.source.text
    at = site.source.line_start(line)
    block = nl.join(indent + x if x.strip() else x for x in body.split("\n")) + nl
    if at == len(text) and text and not text.endswith(("\n", "\r")):
        block = nl + block[: -len(nl)]
    lo, hi = site.line_span(anchor.lineno, anchor.end_lineno or anchor.lineno)
    return Mutation(at, at, block, family, tier, (min(lo, at), max(hi, at)), rank)


def contains(outer: ast.AST, inner: ast.AST) -> bool:
    """Whether ``inner`` is ``outer`` or a node under it."""
    return any(n is inner for n in ast.walk(outer))


def _copyable(site: Site, stmt: ast.stmt) -> bool:
    """A statement of at most four lines that can run anywhere in its function."""
    if isinstance(stmt, FIXED) or (stmt.end_lineno or stmt.lineno) - stmt.lineno > 3:
        return False
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
        return False
    banned = (*JUMPS, ast.Yield, ast.YieldFrom, *FIXED)
    return owns_lines(site, stmt) and not any(isinstance(n, banned) for n in ast.walk(stmt))


def _places(site: Site, anchor: ast.stmt) -> list[tuple[int, str, str]]:
    """Where a statement can go around ``anchor``: before it, at the start of its body (a
    compound statement) and after it (unless it jumps away); as (line, indentation, the
    text of the statement already next to that place)."""
    found = site.enclosing_body(anchor)
    block = [] if found is None else found[2]
    index = next((i for i, s in enumerate(block) if s is anchor), 0)
    near = [dedented(site, block[i]) if 0 <= i < len(block) else "" for i in (index - 1,
                                                                           index + 1)]
    indent = site.indentation(anchor.lineno)
    places = [(anchor.lineno, indent, near[0])]
    body = getattr(anchor, "body", None)
    if (isinstance(body, list) and body and isinstance(body[0], ast.stmt)
            and body[0].lineno > anchor.lineno and owns_lines(site, body[0])):
        places.append((body[0].lineno, site.indentation(body[0].lineno), dedented(site, body[0])))
    if not isinstance(anchor, JUMPS):
        places.append(((anchor.end_lineno or anchor.lineno) + 1, indent, near[1]))
    return places


def insert_nearby(site: Site) -> Iterator[Mutation]:
    """A missing statement (an update ``total += x``, a reset ``current = []``, an append)
    copied from within ``NEARBY`` lines of the same function to just before or after the
    suspect statement. Statements that update what the suspect reads or writes come first,
    then those that read it; among them, those from another block (not already run on this
    path), nearest first."""
    anchor = suspect_statement(site)
    found = None if anchor is None else site.enclosing_body(anchor)
    if anchor is None or found is None or isinstance(anchor, FIXED) or not owns_lines(
            site, anchor):
        return
    region = set().union(*(reads(n) | writes(n) for n in header(anchor)))
    used = set().union(*(reads(n) for n in header(anchor)))
    scope: ast.AST = site.function or site.tree
    donors: dict[str, tuple[int, bool, bool, int]] = {}
    clobbers: set[str] = set()  # resets of a value the suspect reads: never just before it
    companions = _companions(site, scope, anchor)
    for node in walk_scope(scope):
        if (not isinstance(node, ast.stmt) or node is scope or contains(node, anchor)
                or abs(node.lineno - anchor.lineno) > NEARBY or not _copyable(site, node)):
            continue
        relevance = 0 if writes(node) & region or id(node) in companions else (
            1 if reads(node) & region else 2)
        text, reset = dedented(site, node), _is_reset(site, node)
        order = (relevance, not reset, any(s is node for s in found[2]),
                 abs(node.lineno - anchor.lineno))
        if relevance < 2 and text != dedented(site, anchor):
            donors[text] = min(donors.get(text, order), order)
            if reset and writes(node) & used:
                clobbers.add(text)
    edits = sorted((order, text, place[:2]) for text, order in donors.items()
                   for place in _places(site, anchor) if place[2] != text
                   and not (place[0] == anchor.lineno and text in clobbers))
    for rank, (_, text, (line, indent)) in enumerate(edits[:CAP]):
        yield insertion(site, line, indent, text, anchor, "insert statement", OTHER, rank)


def _companions(site: Site, scope: ast.AST, anchor: ast.stmt) -> set[int]:
    """Statements within two of another copy of ``anchor`` in its block (``count = 0`` next
    to ``total = 0`` where both are set up): likely missing next to ``anchor`` as well."""
    text, found = dedented(site, anchor), set()
    for node in walk_scope(scope):
        if not isinstance(node, ast.stmt) or node is anchor or dedented(site, node) != text:
            continue
        block = site.enclosing_body(node)
        if block is None:
            continue
        index = next(i for i, s in enumerate(block[2]) if s is node)
        found |= {id(s) for s in block[2][max(0, index - 2): index + 3]}
    return found


def _is_reset(site: Site, stmt: ast.stmt) -> bool:
    """An assignment of a fresh value: ``x = []``, ``total = Decimal("0")``, ``a, b = [], 0``."""
    local = set(site.local_names) - set(site.module_names)
    return isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None and not (
        reads(stmt.value) & local)
