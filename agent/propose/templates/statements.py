"""Statement-level site templates (as in GenProg, ARJA and TBar): delete, move or insert a
whole statement, add a missing call or ``return``, fix what a ``return`` gives back.

``TEMPLATES`` is every template of this module, of :mod:`.statement_edits`
and of :mod:`.statement_returns`; each yields at most ``CAP`` edits.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from homeostasis.propose.templates.mutations import OTHER, STRUCTURE, Mutation
from homeostasis.propose.templates.site import BUILTIN_NAMES, Site, SiteTemplate
from homeostasis.propose.templates.statement_edits import (
    CAP,
    FIXED,
    JUMPS,
    contains,
    dedented,
    header,
    insert_nearby,
    insertion,
    key,
    loops_around,
    newline,
    owns_lines,
    reads,
    suspect_statement,
    walk_scope,
    writes,
)
from homeostasis.propose.templates.statement_returns import (
    missing_return,
    return_after_loop,
    return_value,
)

_HOLE = "\x00"  # where a mined statement's receiver goes


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
    stmt = suspect_statement(site)
    if (stmt is None or isinstance(stmt, FIXED) or _docstring(stmt)
            or not owns_lines(site, stmt) or _sole_binding(site, stmt)):
        return
    fn, found = site.function, site.enclosing_body(stmt)
    if found is None or (isinstance(stmt, ast.Return) and fn is not None and fn.body[-1] is stmt):
        return
    start, end = site.line_span(stmt.lineno, stmt.end_lineno or stmt.lineno)
    alone = len(found[2]) == 1
    replacement = f"{site.indentation(stmt.lineno)}pass{newline(site)}" if alone else ""
    tier = STRUCTURE if isinstance(stmt, ast.Return) and loops_around(site, stmt) else OTHER
    yield Mutation(start, end, replacement, "delete statement", tier, (start, end))


def _movable(site: Site, stmt: ast.stmt) -> bool:
    """A simple statement, alone on its lines, that is not a jump, a docstring or a ``pass``."""
    return (len(header(stmt)) == len(list(ast.iter_child_nodes(stmt)))
            and not isinstance(stmt, (*FIXED, *JUMPS)) and not _docstring(stmt)
            and owns_lines(site, stmt))


def move_statement(site: Site) -> Iterator[Mutation]:
    """Swap the suspect statement with the one before or after it in its block, when one of
    them uses what the other sets (an update done too late or too early)."""
    stmt = suspect_statement(site)
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
            a, b = a.rstrip("\r\n"), b + newline(site)
        yield Mutation(a0, b1, b + gap + a, "move statement", OTHER, (a0, b1), rank)


def _similar(name: str, other: str) -> bool:
    """Names for the same kind of value: equal, sharing a word, or a 4-letter stem."""
    words = {w for w in name.lower().split("_") if len(w) >= 3}
    return (name == other or bool(words & set(other.lower().split("_")))
            or (min(len(name), len(other)) >= 4 and name[:4] == other[:4]))


def _mined_call(site: Site, stmt: ast.AST) -> tuple[str, str] | None:
    """(receiver, text with holes) for a one-line statement that updates a variable by a call
    — ``xs.sort(key=...)``, ``s = s.strip()`` — and uses nothing else local."""
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        func = stmt.value.func
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
            return None
        receiver = func.value.id
    elif (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(
            stmt.targets[0], ast.Name) and isinstance(stmt.value, ast.Call)):
        receiver = stmt.targets[0].id
        if receiver not in reads(stmt.value):
            return None
    else:
        return None
    if stmt.lineno != stmt.end_lineno:
        return None
    lambda_args = {a.arg for n in ast.walk(stmt) if isinstance(n, ast.Lambda)
                   for a in ast.walk(n.args) if isinstance(a, ast.arg)}
    known = {receiver, *lambda_args, *site.module_names, *BUILTIN_NAMES}
    names = [n for n in ast.walk(stmt) if isinstance(n, ast.Name)]
    if any(n.id not in known for n in names):
        return None
    start = site.source.span(stmt)[0]
    pieces, cursor = [], start
    for n in sorted((n for n in names if n.id == receiver), key=lambda n: n.col_offset):
        lo, hi = site.source.span(n)
        pieces += [site.source.text[cursor:lo], _HOLE]
        cursor = hi
    pieces.append(site.source.text[cursor:site.source.span(stmt)[1]])
    return receiver, "".join(pieces)


def _indexed_list(fn: ast.AST, name: str) -> bool:
    """Whether ``name`` is built as a list in ``fn`` and indexed there (its order matters)."""
    built = any(isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name
                                                  for t in n.targets)
                and (isinstance(n.value, (ast.List, ast.ListComp)) or (
                    isinstance(n.value, ast.Call) and isinstance(n.value.func, ast.Name)
                    and n.value.func.id == "list")) for n in walk_scope(fn))
    return built and any(isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name)
                         and n.value.id == name for n in walk_scope(fn))


def missing_call(site: Site) -> Iterator[Mutation]:
    """A missing in-place call on a value the suspect uses: ``items.sort()``, ``x = x.strip()``
    copied from elsewhere in the module for a same-named or similar variable (then a plain
    ``xs.sort()`` for a list built here and indexed), just before the use, or just after the
    suspect when it is the assignment."""
    anchor, fn = suspect_statement(site), site.function
    if anchor is None or fn is None or isinstance(anchor, FIXED) or not owns_lines(site, anchor):
        return
    first_bound = {a.arg: fn.lineno for a in ast.walk(fn.args) if isinstance(a, ast.arg)}
    for n in sorted((n for n in walk_scope(fn) if isinstance(n, ast.Name)
                     and isinstance(n.ctx, ast.Store)), key=lambda n: -n.lineno):
        first_bound[n.id] = n.lineno
    used = {k for n in header(anchor) for k in reads(n) if k in first_bound}
    assigned = {k for n in header(anchor) for k in writes(n)} & set(first_bound)
    mined = dict.fromkeys(m for n in ast.walk(site.tree) if (m := _mined_call(site, n)))
    existing = {dedented(site, s) for s in walk_scope(fn) if isinstance(s, ast.stmt)}
    edits: dict[str, tuple[int, int, str]] = {}
    for name in sorted(used | assigned):
        after = name in assigned and not isinstance(anchor, JUMPS) and len(header(anchor)) == len(
            list(ast.iter_child_nodes(anchor)))
        if not after and first_bound[name] >= anchor.lineno:
            continue
        options = [(0 if r == name else 1, t.replace(_HOLE, name)) for r, t in mined
                   if _similar(name, r)]
        if _indexed_list(fn, name):
            options.append((2, f"{name}.sort()"))
        for rank, text in options:
            if text not in existing and text not in edits:
                edits[text] = (rank, int(after), text)
    indent = site.indentation(anchor.lineno)
    for rank, (order, later, text) in enumerate(sorted(edits.values())[:CAP]):
        line = (anchor.end_lineno or anchor.lineno) + 1 if later else anchor.lineno
        tier = STRUCTURE if order == 0 else OTHER
        yield insertion(site, line, indent, text, anchor, "missing call", tier, rank)


def _called(value: ast.AST | None) -> str | None:
    """The name of the function or method a value is the result of (``clock.now()`` → now)."""
    if isinstance(value, ast.Call):
        func = value.func
        return func.attr if isinstance(func, ast.Attribute) else key(func)
    return None


def _paired(fn: ast.AST, attr: str) -> set[str]:
    """Variables an attribute is compared with or subtracted from in ``fn`` (``now - self.t``,
    ``seen != self.last``)."""
    return {k for n in walk_scope(fn)
            if isinstance(n, ast.Compare) or (isinstance(n, ast.BinOp)
                                               and isinstance(n.op, ast.Sub))
            for sides in [[n.left, n.right] if isinstance(n, ast.BinOp) else
                          [n.left, *n.comparators]]
            if attr in {key(x) for x in sides}
            for k in (key(x) for x in sides) if k and "." not in k}


def missing_update(site: Site) -> Iterator[Mutation]:
    """``self.attr = name`` after the suspect, for a ``self`` attribute this method reads but
    never writes while another method does (a timestamp or cache never refreshed). The value
    is a local computed like the other method's assignment (``now = self.clock.now()`` for
    ``self.t = clock.now()``) or one the attribute is compared with or subtracted from
    (``now - self.t``); attributes the suspect itself reads first."""
    anchor, fn = suspect_statement(site), site.function
    if (anchor is None or fn is None or isinstance(anchor, JUMPS) or not owns_lines(site, anchor)
            or not fn.args.args or fn.args.args[0].arg != "self"):
        return
    stale = {k for k in reads(fn) if k.startswith("self.")} - writes(fn)
    near = {k for n in header(anchor) for k in reads(n)}
    sources: dict[str, set[str | None]] = {}
    for node in ast.walk(site.tree):
        if isinstance(node, ast.Assign) and not contains(fn, node):
            for target in node.targets:
                if (k := key(target)) in stale:
                    sources.setdefault(k, set()).add(_called(node.value))
    bound: dict[str, ast.AST | None] = {a.arg: None for a in fn.args.args[1:]}
    assigns = sorted(((n.lineno, t.id, n.value) for n in walk_scope(fn)
                      if isinstance(n, ast.Assign) and isinstance(t := n.targets[0], ast.Name)
                      and n.lineno <= anchor.lineno), key=lambda a: a[0])
    for _, name, value in assigns:
        bound.pop(name, None)  # keep the latest assignment last
        bound[name] = value
    edits = sorted((attr not in near, index, f"{attr} = {name}") for attr in sorted(sources)
                   for index, (name, value) in enumerate(reversed(bound.items()))
                   if _called(value) in sources[attr] - {None} or name in _paired(fn, attr))
    line, indent = (anchor.end_lineno or anchor.lineno) + 1, site.indentation(anchor.lineno)
    for rank, (_, _, text) in enumerate(edits[:CAP]):
        yield insertion(site, line, indent, text, anchor, "missing update", STRUCTURE, rank)


#: The statement templates, in the order their edits are listed within a tier.
TEMPLATES: tuple[SiteTemplate, ...] = (
    return_value,
    return_after_loop,
    missing_return,
    missing_call,
    missing_update,
    delete_statement,
    insert_nearby,
    move_statement,
)
