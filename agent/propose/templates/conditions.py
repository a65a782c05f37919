"""Condition and operand templates (PAR/TBar condition and operand repairs): a clause too
many or too few, a missing ``None`` guard or lower bound, operands or arguments in the wrong
order, ``is`` for ``==`` and the wrong bitwise operator. Each yields at most
:data:`~homeostasis.propose.templates.names.CAP` mutations per site, likeliest first."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from itertools import pairwise

from homeostasis.propose.templates.mutations import (
    _ARITH_TOKEN,
    _ATOMS,
    _CMP_TOKEN,
    OPERATOR,
    OTHER,
    STRUCTURE,
    Mutation,
    _token_between,
)
from homeostasis.propose.templates.names import CAP, bound_names
from homeostasis.propose.templates.site import BUILTIN_NAMES, Site, SiteTemplate

_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_LOOSE = (ast.BoolOp, ast.IfExp, ast.Lambda, ast.NamedExpr)  # need parentheses in a clause
_NOT_COMMUTATIVE: dict[type[ast.operator], str] = {
    ast.Sub: "-", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**",
    ast.LShift: "<<", ast.RShift: ">>", ast.MatMult: "@",
}
_BITWISE = {"&": (("|", OPERATOR), ("^", OPERATOR)), "|": (("&", OPERATOR), ("^", OPERATOR)),
            "^": (("|", OPERATOR), ("&", OPERATOR)), "<<": ((">>", OPERATOR),),
            ">>": (("<<", OPERATOR),)}
_IDENTITY: dict[str, tuple[tuple[str, int], ...]] = {
    "is": (("==", OPERATOR),), "is not": (("!=", OPERATOR),), "==": (("is", OTHER),),
    "!=": (("is not", OTHER),)}
_INVERSE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "==", "in": "not in",
            "not in": "in", "is": "is not", "is not": "is"}
_RECEIVERS = ("self", "cls")
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
    found: list[Mutation] = []
    for node in site.nodes():
        if not isinstance(node, ast.BoolOp):
            continue
        op = "and" if isinstance(node.op, ast.And) else "or"
        span = site.source.span(node)
        for index in range(len(node.values)):
            rest = [_clause(site, v, op) for i, v in enumerate(node.values) if i != index]
            new = f" {op} ".join(rest)
            found.append(Mutation(*span, new, "drop clause", STRUCTURE, span, index))
    yield from found[:CAP]


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
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id not in _RECEIVERS}


def _inverted(site: Site, node: ast.Compare) -> str | None:
    """The text of a one-operator comparison with its operator negated (``<`` → ``>=``)."""
    token = _token_between(site.source, node.left, node.comparators[0], _CMP_TOKEN)
    if len(node.ops) != 1 or token is None or token[2] not in _INVERSE:
        return None
    start, text = site.source.span(node)[0], site.text(node)
    return text[: token[0] - start] + _INVERSE[token[2]] + text[token[1] - start :]


def add_clause(site: Site) -> Iterator[Mutation]:
    """A condition missing a clause. Either its own comparison with the roles of its two
    objects exchanged (``a.start < b.end`` → ``… and b.start < a.end``), or a comparison of
    the same variables found elsewhere in the function, then its negation, nearest first and
    only over names bound here, put first as a guard (``i < n and xs[i]``) or ``or``-ed."""
    fn = site.function
    found: list[Mutation] = []
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
            found += [Mutation(*span, _join(site, cond, op, clause, guard and op == "and"),
                               "add clause", STRUCTURE, span, len(found) + i)
                      for i, op in enumerate(ops)]
    yield from found[:CAP]


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


def none_guard(site: Site) -> Iterator[Mutation]:
    """A condition that forgets a value may be None: ``x is not None and <cond>`` and
    ``x is None or <cond>`` for each name (or ``self`` attribute) in it that may be None;
    likelier (tier OPERATOR) when this line raised an error about ``NoneType``."""
    maybe = _maybe_none(site)
    failure = site.exception
    tier = OPERATOR if failure and "NoneType" in failure.message else STRUCTURE
    found: list[Mutation] = []
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
                found.append(Mutation(*span, _join(site, cond, op, guard, first=True),
                                      "None guard", tier, span, len(found)))
    yield from found[:CAP]


def lower_bound(site: Site) -> Iterator[Mutation]:
    """An index check that lets negative indexes through: ``i < n`` → ``0 <= i < n`` and
    ``n > i`` → ``n > i >= 0``, in conditions, where ``i`` indexes something in the function
    or ``n`` is a ``len()``."""
    indexes = {site.text(n.slice) for n in ast.walk(site.function or site.tree)
               if isinstance(n, ast.Subscript)}
    found: list[Mutation] = []
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
        found.append(Mutation(*span, new, "lower bound", STRUCTURE, span))
    yield from found[:CAP]


def _operand(site: Site, node: ast.expr) -> str:
    text = site.text(node)
    return text if isinstance(node, _ATOMS) else f"({text})"


def swap_operands(site: Site) -> Iterator[Mutation]:
    """Operands of a non-commutative operation in the wrong order: ``a - b`` → ``b - a``
    (also ``/ // % ** << >> @``), and ``x in y`` → ``y in x``."""
    found: list[Mutation] = []
    for node in site.nodes():
        if isinstance(node, ast.BinOp) and type(node.op) in _NOT_COMMUTATIVE:
            left, right, op = node.left, node.right, _NOT_COMMUTATIVE[type(node.op)]
        elif isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(
                node.ops[0], (ast.In, ast.NotIn)):
            left, right = node.left, node.comparators[0]
            op = "in" if isinstance(node.ops[0], ast.In) else "not in"
        else:
            continue
        span = site.source.span(node)
        new = f"{_operand(site, right)} {op} {_operand(site, left)}"
        found.append(Mutation(*span, new, "operand swap", STRUCTURE, span))
    yield from found[:CAP]


def swap_adjacent_arguments(site: Site) -> Iterator[Mutation]:
    """Arguments passed in the wrong order to a call with more than two positional
    arguments, or with two keyword arguments or more: each adjacent pair exchanged, pairs of
    plain names first."""
    found: list[tuple[bool, int, int, str, tuple[int, int]]] = []
    text = site.source.text
    for node in (n for n in site.nodes() if isinstance(n, ast.Call)):
        positional = node.args if len(node.args) > 2 else []
        named = [k.value for k in node.keywords if k.arg is not None]
        for values in (positional, named if len(named) > 1 else []):
            if any(isinstance(v, ast.Starred) for v in values):
                continue
            for a, b in pairwise(values):
                (a_start, a_end), (b_start, b_end) = site.source.span(a), site.source.span(b)
                new = text[b_start:b_end] + text[a_end:b_start] + text[a_start:a_end]
                plain = isinstance(a, ast.Name) and isinstance(b, ast.Name)
                found.append((not plain, a_start, b_end, new, site.source.span(node)))
    for rank, (_, start, end, new, shown) in enumerate(sorted(found, key=lambda f: f[0])[:CAP]):
        yield Mutation(start, end, new, "argument swap", STRUCTURE, shown, rank)


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and not any(
        node.value is v for v in (None, True, False, ...))


def identity_or_bitwise(site: Site) -> Iterator[Mutation]:
    """``is`` used for equality (``is`` → ``==``, ``is not`` → ``!=``; least likely the
    reverse, between non-literals) and the wrong bitwise operator (``&``/``|``/``^``,
    ``<<``/``>>``), in expressions and augmented assignments."""
    found: list[Mutation] = []
    for node in site.nodes():
        if isinstance(node, ast.Compare):
            pairs = list(pairwise([node.left, *node.comparators]))
            table, pattern = _IDENTITY, _CMP_TOKEN
        elif isinstance(node, ast.BinOp):
            pairs, table, pattern = [(node.left, node.right)], _BITWISE, _ARITH_TOKEN
        elif isinstance(node, ast.AugAssign):
            pairs, table, pattern = [(node.target, node.value)], _BITWISE, _ARITH_TOKEN
        else:
            continue
        for left, right in pairs:
            token = _token_between(site.source, left, right, pattern)
            for rank, (new, tier) in enumerate(table.get(token[2], ()) if token else ()):
                if token and not (tier == OTHER and (_literal(left) or _literal(right))):
                    family = "identity" if table is _IDENTITY else "bitwise"
                    found.append(Mutation(token[0], token[1], new, family, tier,
                                          site.source.span(node), rank))
    yield from found[:CAP]


#: The condition and operand templates, for
#: :class:`~homeostasis.propose.templates.engine.TemplateProposer`.
TEMPLATES: tuple[SiteTemplate, ...] = (
    none_guard,
    add_clause,
    drop_clause,
    lower_bound,
    swap_operands,
    swap_adjacent_arguments,
    identity_or_bitwise,
)
