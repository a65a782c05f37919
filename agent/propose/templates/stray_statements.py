"""A statement too many or in the wrong place: an extra update, a premature ``return`` or a
stray reset deleted; an update done too early or too late moved past its neighbour (the
statement deletions and moves of GenProg and ARJA)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from homeostasis.propose.templates.ast_helpers import (
    FIXED,
    JUMPS,
    header,
    reads,
    walk_scope,
    writes,
)
from homeostasis.propose.templates.mutations import STRUCTURE, Mutation
from homeostasis.propose.templates.site import Site


def _docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)


def _sole_binding(site: Site, stmt: ast.stmt) -> bool:
    """Whether deleting ``stmt`` would leave a variable its function reads unbound."""
    fn = site.function
    if fn is None:
        return False
    inside = {id(n) for n in ast.walk(stmt)}
    names = list(walk_scope(fn))
    bound_here = {n.id for n in names if isinstance(n, ast.Name)
                  and isinstance(n.ctx, ast.Store) and id(n) in inside}
    elsewhere = {n.id for n in names if isinstance(n, ast.Name)
                 and isinstance(n.ctx, ast.Store) and id(n) not in inside}
    elsewhere |= {a.arg for a in ast.walk(fn.args) if isinstance(a, ast.arg)}
    return bool((bound_here - elsewhere) & reads(fn))


def delete_statement(site: Site) -> Iterator[Mutation]:
    """Delete the suspect statement (an extra update, a premature ``return``, a stray reset),
    or replace it by ``pass`` when it is alone in its block. Never a function's final
    ``return``, a definition, an import or the only assignment of a variable read later."""
    stmt = site.innermost_statement
    if (stmt is None or isinstance(stmt, FIXED) or _docstring(stmt)
            or not site.owns_lines(stmt) or _sole_binding(site, stmt)):
        return
    fn, found = site.function, site.enclosing_body(stmt)
    if found is None or (isinstance(stmt, ast.Return) and fn is not None and fn.body[-1] is stmt):
        return
    start, end = site.line_span(stmt.lineno, stmt.end_lineno or stmt.lineno)
    alone = len(found[2]) == 1
    replacement = f"{site.indentation(stmt.lineno)}pass{site.newline}" if alone else ""
    tier = STRUCTURE if isinstance(stmt, ast.Return) and site.loops_around(stmt) else None
    yield Mutation(start, end, replacement, "delete statement", (start, end), 0, tier)


def _movable(site: Site, stmt: ast.stmt) -> bool:
    """A simple statement, alone on its lines, that is not a jump, a docstring or a ``pass``."""
    return (len(header(stmt)) == len(list(ast.iter_child_nodes(stmt)))
            and not isinstance(stmt, (*FIXED, *JUMPS)) and not _docstring(stmt)
            and site.owns_lines(stmt))


def move_statement(site: Site) -> Iterator[Mutation]:
    """Swap the suspect statement with the one before or after it in its block, when one of
    them uses what the other sets (an update done too late or too early)."""
    stmt = site.innermost_statement
    found = None if stmt is None else site.enclosing_body(stmt)
    if stmt is None or found is None or not _movable(site, stmt):
        return
    block, text = found[2], site.source.text
    index = next(i for i, s in enumerate(block) if s is stmt)
    for rank, other in enumerate(block[j] for j in (index - 1, index + 1) if 0 <= j < len(block)):
        first, second = sorted((stmt, other), key=lambda s: s.lineno)
        w1, w2 = writes(first), writes(second)
        if not _movable(site, other) or not (w1 & (reads(second) | w2) or w2 & reads(first)):
            continue
        a0, a1 = site.line_span(first.lineno, first.end_lineno or first.lineno)
        b0, b1 = site.line_span(second.lineno, second.end_lineno or second.lineno)
        a, gap, b = text[a0:a1], text[a1:b0], text[b0:b1]
        if not b.endswith(("\n", "\r")):
            a, b = a.rstrip("\r\n"), b + site.newline
        yield Mutation(a0, b1, b + gap + a, "move statement", (a0, b1), rank)
