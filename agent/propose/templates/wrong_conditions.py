"""Wrong conditions: a clause too many or too few, a missing ``None`` check or lower bound
(the condition repairs of PAR and TBar)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from homeostasis.propose.templates.ast_helpers import (
    CMP_TOKEN,
    RECEIVERS,
    bound_names,
    token_between,
)
from homeostasis.propose.templates.mutations import OPERATOR, Mutation
from homeostasis.propose.templates.site import BUILTIN_NAMES, Site

_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_LOOSE = (ast.BoolOp, ast.IfExp, ast.Lambda, ast.NamedExpr)  # need parentheses in a clause
_INVERSE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "==", "in": "not in",
            "not in": "in", "is": "is not", "is not": "is"}
_MAYBE_NONE_CALLS = frozenset({"get", "match", "search", "fullmatch"})


def _conditions(site: Site) -> list[ast.expr]:
    """The conditions on the suspect lines: of the ``if``/``while``/``assert`` or the boolean
    ``return`` starting there, of conditional expressions and of comprehension filters."""
    stmt = site.statement
    found: list[ast.expr] = []
    if isinstance(stmt, (ast.If, ast.While, ast.Assert)):
        found.append(stmt.test)
    elif isinstance(stmt, ast.Return) and isinstance(stmt.value, (ast.BoolOp, ast.Compare)):
        found.append(stmt.value)
    for node in site.nodes():
        if isinstance(node, ast.IfExp):
            found.append(node.test)
        elif isinstance(node, ast.comprehension):
            found += node.ifs
    return found


def _clause(site: Site, node: ast.expr, op: str) -> str:
    """The text of ``node`` as an operand of ``and``/``or`` ``op``, parenthesized if needed."""
    text = site.text(node)
    same = isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And) == (op == "and")
    return text if same or not isinstance(node, _LOOSE) else f"({text})"


def _join(site: Site, cond: ast.expr, op: str, clause: str, first: bool = False) -> str:
    """The text of ``cond`` with ``clause`` joined by ``op`` after it (before it if ``first``)."""
    own = _clause(site, cond, op)
    return f"{clause} {op} {own}" if first else f"{own} {op} {clause}"


def drop_clause(site: Site) -> Iterator[Mutation]:
    """A condition with a clause too many: each clause of an ``and``/``or`` left out."""
    for node in site.nodes():
        if not isinstance(node, ast.BoolOp):
            continue
        op = "and" if isinstance(node.op, ast.And) else "or"
        span = site.source.span(node)
        for index in range(len(node.values)):
            rest = [_clause(site, v, op) for i, v in enumerate(node.values) if i != index]
            new = f" {op} ".join(rest)
            yield Mutation(*span, new, "drop clause", span, index)


def _role_swaps(site: Site, cond: ast.expr) -> Iterator[str]:
    """Each ordering comparison of ``cond`` between two objects with their roles exchanged
    (``a.start < b.end`` → ``b.start < a.end``), for a forgotten symmetric clause."""
    for node in ast.walk(cond):
        if not isinstance(node, ast.Compare) or not isinstance(node.ops[0], _ORDERING):
            continue
        names = [n for n in ast.walk(node) if isinstance(n, ast.Name)
                 and n.id not in BUILTIN_NAMES and n.id not in site.module_names]
        roles = list(dict.fromkeys(n.id for n in names))
        if len(roles) != 2 or len(node.ops) != 1:
            continue
        start = site.source.span(node)[0]
        text = site.text(node)
        for name in sorted(names, key=lambda n: -site.source.span(n)[0]):
            lo, hi = (p - start for p in site.source.span(name))
            text = text[:lo] + roles[roles.index(name.id) - 1] + text[hi:]
        yield text


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id not in RECEIVERS}


def _inverted(site: Site, node: ast.Compare) -> str | None:
    """The text of a one-operator comparison with its operator negated (``<`` → ``>=``)."""
    token = token_between(site.source, node.left, node.comparators[0], CMP_TOKEN)
    if len(node.ops) != 1 or token is None or token[2] not in _INVERSE:
        return None
    start, text = site.source.span(node)[0], site.text(node)
    return text[: token[0] - start] + _INVERSE[token[2]] + text[token[1] - start :]


def add_clause(site: Site) -> Iterator[Mutation]:
    """A condition missing a clause. Either its own comparison with the roles of its two
    objects exchanged (``a.start < b.end`` → ``… and b.start < a.end``), or a comparison of
    the same variables found elsewhere in the function, then its negation, nearest first and
    only over names bound here, put first as a guard (``i < n and xs[i]``) or ``or``-ed."""
    fn, rank = site.function, 0
    for cond in _conditions(site):
        span, text, mine = site.source.span(cond), site.text(cond), _names(cond)
        known = {*bound_names(site, cond), *site.module_names, *BUILTIN_NAMES, *mine}
        nearby = sorted(
            (n for n in ast.walk(fn) if isinstance(n, ast.Compare)
             and not site.first <= n.lineno <= site.last and _names(n) & mine
             and _names(n) <= known) if fn else (),
            key=lambda n: abs(n.lineno - site.suspect.line))
        clauses = [(c, False) for c in _role_swaps(site, cond)]
        clauses += [(c, True) for n in nearby for c in (site.text(n), _inverted(site, n)) if c]
        ops = ["and", "or"]
        if isinstance(cond, ast.BoolOp):
            ops = ["and" if isinstance(cond.op, ast.And) else "or"]
        for clause, guard in dict.fromkeys((c, g) for c, g in clauses if c not in text):
            for op in ops:
                yield Mutation(*span, _join(site, cond, op, clause, guard and op == "and"),
                               "add clause", span, rank)
                rank += 1


def _is_none(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _maybe_none(site: Site) -> set[str]:
    """Texts of names and attributes that may be None: parameters defaulting to or annotated
    with None, and anything assigned None, compared with None, or got by ``.get`` or a regex
    match in the module."""
    found: set[str] = set()
    if site.function:
        args = site.function.args
        positional = [*args.posonlyargs, *args.args]
        defaults = [*zip(positional[::-1], args.defaults[::-1], strict=False),
                    *zip(args.kwonlyargs, args.kw_defaults, strict=True)]
        found = {a.arg for a, d in defaults if _is_none(d)} | {
            a.arg for a in (*positional, *args.kwonlyargs)
            if a.annotation and re.search(r"\bNone\b|Optional", ast.unparse(a.annotation))}
    for node in ast.walk(site.tree):
        if isinstance(node, ast.Compare) and any(map(_is_none, node.comparators)):
            found.add(site.text(node.left))
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            func = node.value.func if isinstance(node.value, ast.Call) else None
            if _is_none(node.value) or (isinstance(func, ast.Attribute)
                                        and func.attr in _MAYBE_NONE_CALLS):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                found.update(map(site.text, targets))
    return found


def none_check(site: Site) -> Iterator[Mutation]:
    """A condition that forgets a value may be None: ``x is not None and <cond>`` and
    ``x is None or <cond>`` for each name (or ``self`` attribute) in it that may be None;
    likelier (tier OPERATOR) when this line raised an error about ``NoneType``. (The guard
    before a statement that raised such an error is :func:`.missing_guards.none_guard`.)"""
    maybe = _maybe_none(site)
    failure = site.exception
    tier = OPERATOR if failure and "NoneType" in failure.message else None
    rank = 0
    for cond in _conditions(site):
        text = site.text(cond)
        subjects = dict.fromkeys(
            site.text(n) for n in ast.walk(cond)
            if isinstance(n, (ast.Name, ast.Attribute)) and isinstance(n.ctx, ast.Load))
        for subject in (s for s in subjects if s in maybe):
            if f"{subject} is None" in text or f"{subject} is not None" in text:
                continue
            span = site.source.span(cond)
            for guard, op in ((f"{subject} is not None", "and"), (f"{subject} is None", "or")):
                yield Mutation(*span, _join(site, cond, op, guard, first=True), "None guard",
                               span, rank, tier)
                rank += 1


def lower_bound(site: Site) -> Iterator[Mutation]:
    """An index check that lets negative indexes through: ``i < n`` → ``0 <= i < n`` and
    ``n > i`` → ``n > i >= 0``, in conditions, where ``i`` indexes something in the function
    or ``n`` is a ``len()``."""
    indexes = {site.text(n.slice) for n in ast.walk(site.function or site.tree)
               if isinstance(n, ast.Subscript)}
    for node in (n for c in _conditions(site) for n in ast.walk(c)):
        if not isinstance(node, ast.Compare) or len(node.ops) != 1:
            continue
        op, span = node.ops[0], site.source.span(node)
        low, high = (node.left, node.comparators[0])[::1 if isinstance(op, (ast.Lt, ast.LtE))
                                                      else -1]
        sized = isinstance(high, ast.Call) and site.text(high.func) == "len"
        if not isinstance(op, _ORDERING) or isinstance(low, ast.Constant) or not (
                sized or site.text(low) in indexes):
            continue
        new = f"0 <= {site.text(node)}" if low is node.left else f"{site.text(node)} >= 0"
        yield Mutation(*span, new, "lower bound", span)
