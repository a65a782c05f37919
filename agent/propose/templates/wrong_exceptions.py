"""The wrong exception raised, caught or swallowed, or a cleanup an exception skips: ``raise``
of another class than the tests expect, an ``except`` missing a class (or catching one too
many), an ``except Exception`` that hides errors, a ``release()`` that a failure never
reaches (the exception-handling repairs of PAR and Getafix)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from homeostasis.propose.templates.ast_helpers import (
    call_name,
    exception_name,
    expected_exceptions,
    indented,
    replace,
    walk_scope,
)
from homeostasis.propose.templates.mutations import BOUNDARY, STRUCTURE, Mutation
from homeostasis.propose.templates.site import BUILTIN_NAMES, Site

_CLEANUP = frozenset({"release", "close", "unlock", "disconnect", "shutdown", "cleanup"})
_FILES = ("FileNotFoundError", "OSError")
_RAISERS = {"open": _FILES, "read_text": _FILES, "read_bytes": _FILES, "write_text": _FILES,
            "stat": _FILES, "unlink": _FILES, "iterdir": _FILES, "mkdir": _FILES,
            "int": ("ValueError",), "float": ("ValueError",), "fromisoformat": ("ValueError",),
            "strptime": ("ValueError",), "index": ("ValueError",), "next": ("StopIteration",),
            "getattr": ("AttributeError",), "import_module": ("ImportError",)}


def wrong_raise(site: Site) -> Iterator[Mutation]:
    """``raise E(...)`` of the wrong class (this line raised the failure, or a test expected
    another class): ``raise X(...)`` for the class the test expected, then for each project
    exception class the module raises, catches, defines or imports."""
    stmt = site.statement
    if not isinstance(stmt, ast.Raise) or stmt.exc is None:
        return
    exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
    old = site.text(exc)
    expected = expected_exceptions(site)
    here = site.exception is not None and (
        exception_name(site.exception) == old.rsplit(".", 1)[-1])
    if not (here or expected) or not isinstance(exc, (ast.Name, ast.Attribute)):
        return
    names = [n for n in dict.fromkeys([*expected, *site.project_exceptions]) if n != old
             and (n in site.module_names or n in BUILTIN_NAMES)]
    for rank, name in enumerate(names):
        yield replace(site, exc, name, "exception class", rank)


def _try_at(site: Site) -> tuple[ast.Try | ast.TryStar, list[ast.ExceptHandler]] | None:
    """The try statement with a handler on the suspect line (and that handler), else the
    innermost one whose body holds the suspect line (and all its handlers)."""
    line, found = site.suspect.line, None
    for node in ast.walk(site.tree):
        if isinstance(node, (ast.Try, ast.TryStar)):
            here = [h for h in node.handlers if h.lineno == line]
            if here:
                return node, here
            if node.body[0].lineno <= line <= (node.body[-1].end_lineno or 0):
                found = node, node.handlers
    return found


def except_clause(site: Site) -> Iterator[Mutation]:
    """An ``except`` catching the wrong classes: add the class of a failure that escaped
    through the try body (``except A`` → ``except (A, E)``, or ``except E``); drop a class
    from a tuple (first the class a test expected to see raised; the others less likely)."""
    found = _try_at(site)
    if found is None:
        return
    block, handlers = found
    body = range(block.body[0].lineno, (block.body[-1].end_lineno or 0) + 1)
    escaped = [exception_name(f) for f in site.failures
               if any(fr.path == site.path and fr.line in body for fr in f.frames)]
    expected = expected_exceptions(site)
    for handler in (h for h in handlers if h.type is not None):
        assert handler.type is not None
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        names = [site.text(t) for t in types]
        for name in dict.fromkeys(escaped):
            if name in names or "Exception" in names or not (
                    name in BUILTIN_NAMES or name in site.module_names):
                continue
            yield replace(site, handler.type, f"({', '.join([*names, name])})", "except")
            yield replace(site, handler.type, name, "except", 1)
        if len(names) < 2 or not (expected or handler.lineno == site.suspect.line):
            continue
        for rank, name in enumerate(names):
            rest = [n for n in names if n != name]
            new = rest[0] if len(rest) == 1 else f"({', '.join(rest)})"
            tier = BOUNDARY if name in expected else STRUCTURE
            yield replace(site, handler.type, new, "except", 2 + rank, tier)


def _raisable(site: Site, body: list[ast.stmt]) -> list[str]:
    """The exception classes in scope that statements can raise, in source order: by the
    builtins and methods they call, their subscripts and divisions, ``json`` parsing and the
    ``raise`` statements of the module's functions they call."""
    json, found = site.module_alias("json"), []
    local = {n.name: n for n in ast.walk(site.tree) if isinstance(n, ast.FunctionDef)}
    for node in sorted((n for s in body for n in walk_scope(s) if isinstance(n, ast.expr)),
                       key=lambda n: (n.lineno, n.col_offset)):
        name = call_name(node) if isinstance(node, ast.Call) else ""
        if json and name in ("load", "loads") and site.text(node).startswith(f"{json}."):
            found += [f"{json}.JSONDecodeError", "ValueError"]
        found += _RAISERS.get(name, ())
        found += [call_name(r.exc) for r in ast.walk(local[name]) if isinstance(r, ast.Raise)
                  and r.exc is not None] if name in local else []
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            found += ["KeyError", "IndexError"]
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Div, ast.FloorDiv, ast.Mod)):
            found.append("ZeroDivisionError")
    scope = BUILTIN_NAMES | set(site.module_names)
    return [e for e in dict.fromkeys(found)
            if e.split(".")[0] in scope and e not in ("Exception", "BaseException")]


def narrow_except(site: Site) -> Iterator[Mutation]:
    """``except Exception:`` (or a bare ``except:``) that swallows errors it should let
    through, in the innermost ``try`` around the suspect: narrowed to each class the try body
    can raise, first raised first (``FileNotFoundError`` for ``open()``, ``KeyError`` for
    ``d[k]``, ``json.JSONDecodeError``...)."""
    line = site.suspect.line
    tries = [n for n in ast.walk(site.tree)
             if isinstance(n, ast.Try) and n.lineno <= line <= (n.end_lineno or 0)]
    for handler in tries[-1].handlers if tries else []:
        broad = handler.type is None or call_name(handler.type) in ("Exception", "BaseException")
        if not broad or any(isinstance(n, ast.Raise) for n in ast.walk(handler)):
            continue
        at = site.source.offset(handler.lineno, handler.col_offset)
        for rank, name in enumerate(_raisable(site, tries[-1].body)):
            if handler.type is not None:
                yield replace(site, handler.type, name, "narrow except", rank)
            else:
                yield Mutation(at, at + len("except"), f"except {name}", "narrow except",
                               (at, at + len("except")), rank)


def _guarded(block: list[ast.stmt], i: int) -> tuple[list[ast.stmt], list[ast.stmt]]:
    """The statements of a ``try`` and of its ``finally`` from ``block[i]`` on: a ``yield``
    just before and the rest of the block, or those since the acquisition of what a cleanup
    call ``block[i]`` uses and that call; empty lists when it is neither."""
    before, stmt = block[i - 1], block[i]
    if isinstance(before, ast.Expr) and isinstance(before.value, (ast.Yield, ast.YieldFrom)):
        return [before], block[i:]
    if not (isinstance(stmt, ast.Expr) and call_name(stmt.value) in _CLEANUP):
        return [], []
    used = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name)} - {"self"}
    for k in range(i - 1, -1, -1):
        bound = {n.id for n in ast.walk(block[k]) if isinstance(getattr(n, "ctx", None), ast.Store)
                 and isinstance(n, ast.Name)}
        calls = {call_name(n) for n in ast.walk(block[k]) if isinstance(n, ast.Call)}
        if bound & used or calls & {"acquire", "lock", "open", "connect"}:
            return block[k + 1 : i], [stmt]
    return [], []


def finally_cleanup(site: Site) -> Iterator[Mutation]:
    """A cleanup that an exception skips (``conn = pool.acquire(); yield conn;
    pool.release(conn)``): ``try: yield conn`` / ``finally: pool.release(conn)`` (the rest of
    the block goes in the ``finally``); likewise the statements between an acquisition and its
    ``release()``/``close()`` call."""
    if site.function is None:
        return
    nl, text = site.newline, site.source.text
    blocks = [b for n in walk_scope(site.function) for b in (getattr(n, f, None) for f in (
        "body", "orelse", "finalbody")) if isinstance(b, list) and b and isinstance(b[0], ast.stmt)]
    for block in blocks:
        for i in range(1, len(block)):
            guarded, tail = _guarded(block, i)
            if not guarded or any(isinstance(n, (ast.Return, ast.Yield)) for s in tail
                                  for n in ast.walk(s)):
                continue
            indent, middle = site.indentation(guarded[0].lineno), site.source.line_start(
                tail[0].lineno)
            lo, hi = site.line_span(guarded[0].lineno, tail[-1].end_lineno or 0)
            new = (f"{indent}try:{nl}{indented(site, text[lo:middle])}{indent}finally:{nl}"
                   f"{indented(site, text[middle:hi])}")
            yield Mutation(lo, hi, new, "try/finally", (lo, hi))

