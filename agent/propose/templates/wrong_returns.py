"""Wrong or missing ``return`` statements: another variable or tuple item returned, a
``return`` inside a loop that should come after it, a forgotten ``return <result>``."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from homeostasis.propose.templates.ast_helpers import header, insertion, walk_scope, writes
from homeostasis.propose.templates.mutations import Mutation
from homeostasis.propose.templates.site import BUILTIN_NAMES, FunctionNode, Site


def _written_before(site: Site, fn: FunctionNode, line: int) -> list[str]:
    """Variables assigned or updated in ``fn`` before ``line``: those written inside a loop
    first (accumulators), each group latest write first."""
    last: dict[str, tuple[bool, int]] = {}
    for stmt in walk_scope(fn):
        if not isinstance(stmt, ast.stmt) or stmt is fn or stmt.lineno >= line:
            continue
        looped = bool(site.loops_around(stmt))
        parts = [c for c in ast.iter_child_nodes(stmt) if not isinstance(c, ast.stmt)]
        for name in sorted({k for p in parts for k in writes(p) if "." not in k}):
            was = last.get(name, (False, 0))
            last[name] = (was[0] or looped, max(was[1], stmt.lineno))
    return sorted(last, key=lambda n: (not last[n][0], -last[n][1]))


def return_value(site: Site) -> Iterator[Mutation]:
    """Return the right thing: ``return x`` → another variable (accumulators written in a loop
    first, latest first), ``return best[0]`` ↔ ``best[1]``, ``return a, b`` → ``b, a``."""
    stmt, fn = site.innermost_statement, site.function
    if not isinstance(stmt, ast.Return) or stmt.value is None or fn is None:
        return
    value, text = stmt.value, site.source.text
    start, end = site.source.span(value)
    options: list[tuple[int, int, str]] = []
    if isinstance(value, ast.Name):
        names = [n for n in _written_before(site, fn, stmt.lineno) if n != value.id]
        options = [(start, end, n) for n in names]
    elif (isinstance(value, ast.Subscript) and isinstance(value.slice, ast.Constant)
          and value.slice.value in (0, 1) and type(value.slice.value) is int):
        lo, hi = site.source.span(value.slice)
        options = [(lo, hi, str(1 - value.slice.value))]
    elif isinstance(value, ast.Tuple) and len(value.elts) == 2:
        (a0, a1), (b0, b1) = (site.source.span(e) for e in value.elts)
        options = [(a0, b1, text[b0:b1] + text[a1:b0] + text[a0:a1])]
    for rank, (lo, hi, new) in enumerate(options):
        yield Mutation(lo, hi, new, "return value", site.source.span(stmt), rank)


def return_after_loop(site: Site) -> Iterator[Mutation]:
    """A ``return`` directly in a loop's body, which leaves the loop on its first pass, moved
    to just after the loop: the "return too early" fault."""
    stmt = site.innermost_statement
    loops = [] if stmt is None else site.loops_around(stmt)
    if not isinstance(stmt, ast.Return) or not loops or not site.owns_lines(stmt):
        return
    loop, text, nl = loops[0], site.source.text, site.newline
    found = site.enclosing_body(loop)
    block = [] if found is None else found[2]
    index = next((i for i, s in enumerate(block) if s is loop), len(block))
    following = block[index + 1] if index + 1 < len(block) else None
    if (not any(s is stmt for s in loop.body) or len(loop.body) < 2
            or (following is not None and ast.dump(following) == ast.dump(stmt))):
        return  # guarded, alone in the loop, or the same as deleting it
    lo, after = site.line_span(stmt.lineno, stmt.end_lineno or stmt.lineno)
    hi = site.line_span(loop.lineno, loop.end_lineno or loop.lineno)[1]
    rest = text[after:hi]
    indent = site.indentation(loop.lineno)
    moved = nl.join(indent + x for x in site.dedented(stmt).split("\n")) + nl
    if not (rest or text[lo:after]).endswith(("\n", "\r")):
        rest, moved = rest + nl, moved[: -len(nl)]
    yield Mutation(lo, hi, rest + moved, "return after loop", (lo, hi))


def _kind(value: ast.AST | None) -> str:
    """What a variable starts as: ``List``, ``Dict``, ``call:Decimal``, ``Constant:str``…"""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        return f"call:{value.func.id}"
    if isinstance(value, ast.Constant):
        return f"Constant:{type(value.value).__name__}"
    return type(value).__name__


def _first_assignments(fn: FunctionNode) -> dict[str, ast.stmt]:
    """Variables assigned directly in a function's body → their first assignment."""
    found: dict[str, ast.stmt] = {}
    for stmt in fn.body:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else (
            [stmt.target] if isinstance(stmt, ast.AnnAssign) and stmt.value else [])
        for target in targets:
            if isinstance(target, ast.Name):
                found.setdefault(target.id, stmt)
    return found


def _initial(fn: FunctionNode) -> dict[str, str]:
    """Variables assigned directly in a function's body → the kind of their first value."""
    return {name: _kind(getattr(stmt, "value", None))
            for name, stmt in _first_assignments(fn).items()}


def _built(fn: FunctionNode) -> list[str]:
    """Variables a function builds: set up in its body, then updated by another simple
    statement (``total += x``, ``out.append(x)``, ``rows[k] = v``); the latest updated first."""
    initial, first = _initial(fn), _first_assignments(fn)
    updated: dict[str, int] = {}
    for node in walk_scope(fn):
        if not isinstance(node, ast.stmt) or len(header(node)) != len(list(
                ast.iter_child_nodes(node))):
            continue  # compound statements: their loop variables are not results
        for name in writes(node) & initial.keys():
            if first[name] is not node:
                updated[name] = max(updated.get(name, 0), node.lineno)
    return sorted(updated, key=lambda n: -updated[n])


def _wrappers(site: Site, kind: str) -> list[tuple[str, str]]:
    """(return annotation, text with a hole) for one-line ``return f(acc)``-like statements of
    the module that hand back a variable of this kind wrapped (``"".join(parts)``)."""
    found: list[tuple[str, str]] = []
    for fn in (n for n in ast.walk(site.tree) if isinstance(n, (ast.FunctionDef,
                                                                ast.AsyncFunctionDef))):
        initial = _initial(fn)
        for ret in (r for r in walk_scope(fn) if isinstance(r, ast.Return)):
            if ret.value is None or isinstance(ret.value, ast.Name) or ret.lineno != ret.end_lineno:
                continue
            names = [n for n in ast.walk(ret.value) if isinstance(n, ast.Name)]
            holes = [n for n in names if initial.get(n.id) == kind]
            known = {*site.module_names, *BUILTIN_NAMES}
            if len(holes) != 1 or any(n not in holes and n.id not in known for n in names):
                continue
            (lo, hi), (h0, h1) = site.source.span(ret.value), site.source.span(holes[0])
            text = site.source.text
            returns = ast.dump(fn.returns) if fn.returns else ""
            found.append((returns, text[lo:h0] + "\x00" + text[h1:hi]))
    return list(dict.fromkeys(found))


def missing_return(site: Site) -> Iterator[Mutation]:
    """``return <result>`` appended to a function that builds a value (a list, a total) but
    never returns one; module-wide idioms such as ``return "".join(parts)`` applied to the
    result first when they come from a function with the same return annotation."""
    fn = site.function
    if fn is None or fn.name.startswith("__") or fn.body[0].lineno == fn.lineno:
        return
    if fn.returns is not None and (
            (isinstance(fn.returns, ast.Constant) and fn.returns.value is None)
            or (isinstance(fn.returns, ast.Name) and fn.returns.id in ("None", "NoReturn"))):
        return
    if any(isinstance(n, (ast.Yield, ast.YieldFrom)) or (isinstance(n, ast.Return) and n.value)
           for n in walk_scope(fn)):
        return
    last = fn.body[-1]
    if isinstance(last, (ast.Return, ast.Raise)) or not site.owns_lines(last):
        return
    returns = ast.dump(fn.returns) if fn.returns else None
    initial, options = _initial(fn), []
    for name in _built(fn)[:3]:
        wrapped = [(0 if ann == returns else 2, t.replace("\x00", name))
                   for ann, t in _wrappers(site, initial[name])]
        options += sorted([*wrapped, (1, name)])
    line, indent = (last.end_lineno or last.lineno) + 1, site.indentation(last.lineno)
    for rank, (_, value) in enumerate(options):
        yield insertion(site, line, indent, f"return {value}", last, "missing return", rank)
