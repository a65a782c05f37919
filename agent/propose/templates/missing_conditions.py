"""A condition the code never checks: a statement that must not run for some values and does
(a node handled twice, an item flagged off counted, a key already present evicting another, a
check that should raise and does not). No exception points at it, so the condition is built
from what is in scope at the suspect statement — membership of a value it uses in a collection
the function fills or tests, a boolean attribute the module tests or declares, the sizes of two
collections — and put in as a guard before the statement, a wrapper around it, or a clause of
the condition already there (the condition synthesis of SPR and Nopol, choosing among the
predicates of the scope instead of searching the values at run time).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from homeostasis.propose.templates.ast_helpers import (
    MUTATORS,
    RECEIVERS,
    exits,
    expected_exceptions,
    indented,
    insert_guard,
    key,
    parameters,
    walk_scope,
)
from homeostasis.propose.templates.mutations import Mutation
from homeostasis.propose.templates.site import BUILTIN_NAMES, Site

#: Methods whose receiver is a collection a value can be in.
_HOLDERS = MUTATORS | {"get", "keys", "values", "items", "count", "index"}
_EMPTY_CALLS = frozenset({"set", "dict", "list", "deque", "defaultdict", "OrderedDict",
                          "Counter"})
_SIMPLE = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Return, ast.Raise,
           ast.Delete)


@dataclass(frozen=True)
class Predicate:
    """A condition over the scope and its negation; ``likely`` is the one a guard most often
    skips on (``x in seen``)."""

    likely: str
    other: str


def _collections(site: Site, fn: ast.AST) -> list[str]:
    """Variables and ``self`` attributes the function (and its class) treats as collections:
    tested with ``in``, called with a mutating or lookup method, stored into by key, or
    made empty (``set()``, ``{}``, ``[]``)."""
    found: list[str] = []
    for node in walk_scope(fn):
        if isinstance(node, ast.Compare):
            found += [k for op, c in zip(node.ops, node.comparators, strict=True)
                      if isinstance(op, (ast.In, ast.NotIn)) and (k := key(c))]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
                node.func.attr in _HOLDERS):
            found += [k] if (k := key(node.func.value)) else []
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del)):
            found += [k] if (k := key(node.value)) else []
        elif isinstance(node, ast.Assign) and (
                isinstance(node.value, (ast.Set, ast.Dict, ast.List)) or (
                isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)
                and node.value.func.id in _EMPTY_CALLS)):
            found += [k for t in node.targets if (k := key(t))]
    return list(dict.fromkeys(found))


def _values(site: Site, stmt: ast.stmt) -> list[str]:
    """The local values a statement uses, as the statement's text names them: variables (not
    ``self``, functions or modules) and the keys it indexes with."""
    local = set(site.local_names)
    found: list[str] = []
    for node in walk_scope(stmt):
        if isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Slice):
            text = site.text(node.slice)
            found += [text] if text and "\n" not in text else []
        elif isinstance(node, ast.Name) and node.id in local and node.id not in RECEIVERS and (
                not site.is_callee(node)):
            found.append(node.id)
    return list(dict.fromkeys(found))


def _flags(site: Site) -> list[str]:
    """Attribute names the module treats as yes/no: fields annotated ``bool``, attributes set
    to ``True``/``False``, and attributes tested on their own (``if x.done``, ``not x.done``)."""
    found: list[str] = []
    for node in ast.walk(site.tree):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and (
                site.text(node.annotation) == "bool"):
            found.append(node.target.id)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and (
                isinstance(node.value.value, bool)):
            found += [t.attr for t in node.targets if isinstance(t, ast.Attribute)]
        tests = [node.test] if isinstance(node, (ast.If, ast.While, ast.IfExp)) else []
        tests += node.ifs if isinstance(node, ast.comprehension) else []
        tests += [node.operand] if isinstance(node, ast.UnaryOp) and isinstance(
            node.op, ast.Not) else []
        tests += node.values if isinstance(node, ast.BoolOp) else []
        found += [t.attr for t in tests if isinstance(t, ast.Attribute)]
    return list(dict.fromkeys(found))


def _objects(site: Site, stmt: ast.stmt) -> list[str]:
    """Local variables whose attributes the statement (or the loop it is in) reads."""
    scopes: list[ast.AST] = [stmt, *(loop.target for loop in site.loops_around(stmt)
                                      if isinstance(loop, (ast.For, ast.AsyncFor)))]
    local = set(site.local_names) - set(RECEIVERS)
    found = [n.id for scope in scopes for n in ast.walk(scope)
             if isinstance(n, ast.Name) and n.id in local]
    attributed = {n.value.id for n in ast.walk(site.function or site.tree)
                  if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)}
    return [name for name in dict.fromkeys(found) if name in attributed]


def predicates(site: Site, stmt: ast.stmt, extra: tuple[str, ...] = ()) -> list[Predicate]:
    """The conditions over the scope of ``stmt`` a missing check could be, likeliest first:
    a value it uses (or one of ``extra``) in a collection of the function (first the
    collections it fills with that value, the ``seen.add(x)`` of ``if x in seen``), a yes/no
    attribute of an object it uses, then the sizes of two collections of the function
    differing."""
    fn = site.function
    if fn is None:
        return []
    holders = _collections(site, fn)
    values = list(dict.fromkeys([*_values(site, stmt), *extra]))
    filled = {(site.text(n.args[0]), k) for n in walk_scope(fn) if isinstance(n, ast.Call)
              and isinstance(n.func, ast.Attribute) and n.args
              and n.func.attr in MUTATORS and (k := key(n.func.value))}
    filled |= {(site.text(n.slice), k) for n in walk_scope(fn) if isinstance(n, ast.Subscript)
               and isinstance(n.ctx, ast.Store) and (k := key(n.value))}
    member = sorted(((v, h) for v in values for h in holders if v != h and v not in holders),
                    key=lambda pair: pair not in filled)
    found = [Predicate(f"{v} in {h}", f"{v} not in {h}")
             for v, h in member]
    flags = _flags(site)
    found += [Predicate(f"not {o}.{f}", f"{o}.{f}")
              for o in _objects(site, stmt) for f in flags]
    sized = [k for k in holders if k not in BUILTIN_NAMES]
    found += [Predicate(f"len({a}) != len({b})", f"len({a}) == len({b})")
              for i, a in enumerate(sized) for b in sized[i + 1:]]
    return found


def _target(site: Site) -> ast.stmt | None:
    """The statement to guard: the suspect statement of a function, if it has its lines to
    itself and is not a function or class definition."""
    stmt = site.own_statement
    if stmt is None or site.function is None or stmt is site.function or isinstance(
            stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return None
    return stmt if site.owns_lines(stmt) else None


def skip_guard(site: Site) -> Iterator[Mutation]:
    """``if <p>: continue`` (or ``return`` the function's default) before the suspect
    statement, for each predicate ``p`` of its scope, then its negation."""
    stmt = _target(site)
    if stmt is None:
        return
    rank = 0
    preds = predicates(site, stmt)
    for condition in [*(p.likely for p in preds), *(p.other for p in preds)]:
        for action in exits(site, stmt):
            mutation = insert_guard(site, stmt, condition, action, "missing check", rank)
            if mutation is not None:
                yield mutation
                rank += 1


def only_when(site: Site) -> Iterator[Mutation]:
    """The suspect statement run only when a predicate holds: ``if <not p>:`` around it (a
    simple statement: an assignment, a call, a ``return``), then ``if <p>:``."""
    stmt = _target(site)
    if stmt is None or not isinstance(stmt, _SIMPLE):
        return
    start, end = site.line_span(stmt.lineno, stmt.end_lineno or stmt.lineno)
    indent, nl = site.indentation(stmt.lineno), site.newline
    inner = indented(site, site.source.text[start:end])
    preds = predicates(site, stmt)
    for rank, condition in enumerate([*(p.other for p in preds), *(p.likely for p in preds)]):
        text = f"{indent}if {condition}:{nl}{inner}"
        yield Mutation(start, end, text, "missing check", (start, end), rank)


def narrow_condition(site: Site) -> Iterator[Mutation]:
    """The suspect ``if``/``while``/``elif`` condition with ``and <p>`` (``and not p``) for a
    predicate over the values it and its block use and the function's parameters: the check
    was there but too wide."""
    stmt, fn = site.statement, site.function
    if not isinstance(stmt, (ast.If, ast.While)) or fn is None:
        return
    test = stmt.test
    span = site.source.span(test)
    text = site.text(test)
    own = f"({text})" if isinstance(test, (ast.BoolOp, ast.IfExp, ast.NamedExpr)) and not (
        isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And)) else text
    params = tuple(a for a in parameters(fn) if a not in RECEIVERS)
    preds = predicates(site, stmt, params)
    clauses = [*(p.other for p in preds), *(p.likely for p in preds)]
    for rank, clause in enumerate(c for c in dict.fromkeys(clauses) if c not in text):
        yield Mutation(*span, f"{own} and {clause}", "missing check", span, rank)


def missing_raise(site: Site) -> Iterator[Mutation]:
    """A check that should raise and never does (a test's ``pytest.raises`` saw nothing):
    ``if <p>: raise E(...)`` before the suspect statement, for the class ``E`` the test
    expected and each predicate of the scope, then (less likely) the emptiness or negativity
    of each value the statement uses."""
    stmt = _target(site)
    expected = expected_exceptions(site)
    if stmt is None or not expected:
        return
    error = expected[0]
    conditions = [p.likely for p in predicates(site, stmt)]
    conditions += [c for v in _values(site, stmt) if v.isidentifier()
                   for c in (f"not {v}", f"{v} < 0", f"{v} is None")]
    for rank, condition in enumerate(dict.fromkeys(conditions)):
        message = condition.replace("\\", "\\\\").replace('"', '\\"')
        mutation = insert_guard(site, stmt, condition, f'raise {error}("{message}")',
                                "missing raise", rank)
        if mutation is not None:
            yield mutation
