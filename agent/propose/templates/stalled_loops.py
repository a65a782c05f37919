"""A loop that never ends: the counter of a ``while`` loop's condition is not advanced on
every path through its body.

The classic shapes: the update is missing altogether (``while i < n:`` with no ``i += 1``),
it sits in one branch of an ``if`` only (the other branch spins), or a ``continue`` jumps
over it. A test stuck in such a loop is stopped at its own deadline with the loop's line on
its traceback, so the loop is a suspect site.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from homeostasis.propose.templates.ast_helpers import JUMPS, insertion, walk_scope, writes
from homeostasis.propose.templates.mutations import Mutation
from homeostasis.propose.templates.site import Site

#: Comparisons whose left operand grows towards the right one (``i < n``) and those whose left
#: operand shrinks towards it (``i > 0``).
_UPWARD = (ast.Lt, ast.LtE)
_DOWNWARD = (ast.Gt, ast.GtE)


def stalled_loop(site: Site) -> Iterator[Mutation]:
    """The update a ``while`` loop's counter lacks: ``i += 1`` or ``i -= 1`` (the direction
    its comparison points first) at the end of a body that never assigns it; the branch's
    update copied into an ``else`` when only one branch of an ``if`` advances it; the update
    copied before a ``continue`` that skips it."""
    loop = _while_at(site)
    if loop is None or not all(site.owns_lines(s) for s in loop.body):
        return
    rank = 0
    for name, upward in _counters(loop.test).items():
        if not any(name in writes(s) for s in loop.body):
            edits = _missing(site, loop, name, upward)
        else:
            edits = _one_branch(site, loop, name)
        for body, line, indent, anchor in edits:
            yield insertion(site, line, indent, body, anchor, "loop progress", rank)
            rank += 1


def _while_at(site: Site) -> ast.While | None:
    """The ``while`` loop the suspect line is the header of, or the innermost one it is in."""
    own = site.own_statement
    if own is None:
        return None
    if isinstance(own, ast.While):
        return own
    return next((lp for lp in site.loops_around(own) if isinstance(lp, ast.While)), None)


def _counters(test: ast.expr) -> dict[str, bool]:
    """The variables the condition compares, each with whether it most likely counts up."""
    found: dict[str, bool] = {}
    for node in ast.walk(test):
        if not isinstance(node, ast.Compare) or len(node.ops) != 1:
            continue
        op, left, right = node.ops[0], node.left, node.comparators[0]
        for operand, up in ((left, isinstance(op, _UPWARD)), (right, isinstance(op, _DOWNWARD))):
            if isinstance(operand, ast.Name):
                found.setdefault(operand.id, up or not isinstance(op, _UPWARD + _DOWNWARD))
    return found


Edit = tuple[str, int, str, ast.stmt]


def _missing(site: Site, loop: ast.While, name: str, upward: bool) -> Iterator[Edit]:
    """``name += 1`` / ``name -= 1`` as the body's last statement (before a final jump)."""
    last = loop.body[-1]
    line = last.lineno if isinstance(last, JUMPS) else (last.end_lineno or last.lineno) + 1
    indent = site.indentation(last.lineno)
    for op in ("+=", "-=") if upward else ("-=", "+="):
        yield f"{name} {op} 1", line, indent, last


def _one_branch(site: Site, loop: ast.While, name: str) -> Iterator[Edit]:
    """The update of ``name`` copied where a path through the body misses it."""
    top = [s for s in loop.body if name in writes(s)]
    update = next((s for s in top if _is_update(s, name)), None)
    if len(top) == 1 and isinstance(top[0], ast.If) and not top[0].orelse:
        branch = top[0]
        inner = next((s for s in branch.body if _is_update(s, name)), None)
        if inner is not None:
            indent = site.indentation(branch.lineno)
            yield (f"else:\n{site.indent_unit}{site.dedented(inner)}",
                   (branch.end_lineno or branch.lineno) + 1, indent, branch)
    if update is None:
        return
    for jump in walk_scope(loop):
        if (isinstance(jump, ast.Continue) and jump.lineno < update.lineno
                and _own_loop(site, jump) is loop and site.owns_lines(jump)):
            yield site.dedented(update), jump.lineno, site.indentation(jump.lineno), jump


def _is_update(stmt: ast.stmt, name: str) -> bool:
    """``name += step``, or ``name = <expression of name>``, alone on its statement."""
    if isinstance(stmt, ast.AugAssign):
        return isinstance(stmt.target, ast.Name) and stmt.target.id == name
    return (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id == name
            and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(stmt.value)))


def _own_loop(site: Site, stmt: ast.stmt) -> ast.AST | None:
    """The innermost loop around ``stmt``."""
    loops = site.loops_around(stmt)
    return loops[0] if loops else None
