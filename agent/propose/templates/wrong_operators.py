"""Wrong operators and operands in the wrong order: ``is`` for ``==``, the wrong bitwise
operator, ``b - a`` for ``a - b``, arguments passed in the wrong order, a sort in the wrong
direction (the operator and operand repairs of PAR and TBar)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from itertools import pairwise

from homeostasis.propose.templates.ast_helpers import (
    ARITH_TOKEN,
    CMP_TOKEN,
    call_name,
    parenthesized,
    replace,
    token_between,
)
from homeostasis.propose.templates.mutations import OPERATOR, OTHER, Mutation
from homeostasis.propose.templates.site import Site

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


def swap_operands(site: Site) -> Iterator[Mutation]:
    """Operands of a non-commutative operation in the wrong order: ``a - b`` → ``b - a``
    (also ``/ // % ** << >> @``), and ``x in y`` → ``y in x``."""
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
        new = f"{parenthesized(site, right)} {op} {parenthesized(site, left)}"
        yield Mutation(*span, new, "operand swap", span)


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
    for rank, (_, start, end, new, shown) in enumerate(sorted(found, key=lambda f: f[0])):
        yield Mutation(start, end, new, "argument swap", shown, rank)


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and not any(
        node.value is v for v in (None, True, False, ...))


def identity_or_bitwise(site: Site) -> Iterator[Mutation]:
    """``is`` used for equality (``is`` → ``==``, ``is not`` → ``!=``; least likely the
    reverse, between non-literals) and the wrong bitwise operator (``&``/``|``/``^``,
    ``<<``/``>>``), in expressions and augmented assignments."""
    for node in site.nodes():
        if isinstance(node, ast.Compare):
            pairs = list(pairwise([node.left, *node.comparators]))
            table, pattern = _IDENTITY, CMP_TOKEN
        elif isinstance(node, ast.BinOp):
            pairs, table, pattern = [(node.left, node.right)], _BITWISE, ARITH_TOKEN
        elif isinstance(node, ast.AugAssign):
            pairs, table, pattern = [(node.target, node.value)], _BITWISE, ARITH_TOKEN
        else:
            continue
        for left, right in pairs:
            token = token_between(site.source, left, right, pattern)
            for rank, (new, tier) in enumerate(table.get(token[2], ()) if token else ()):
                if token and not (tier == OTHER and (_literal(left) or _literal(right))):
                    label = "identity" if table is _IDENTITY else "bitwise"
                    yield Mutation(token[0], token[1], new, label, site.source.span(node),
                                   rank, tier)


def _span(site: Site, node: ast.expr | ast.keyword) -> tuple[int, int]:
    """The character span of an expression or a keyword argument."""
    end = site.source.offset(node.end_lineno or node.lineno, node.end_col_offset or 0)
    return site.source.offset(node.lineno, node.col_offset), end


def toggle_reverse(site: Site) -> Iterator[Mutation]:
    """A sort in the wrong direction: ``reverse=True`` added to ``sorted()``/``.sort()``, or
    removed; ``reverse=flag`` → ``reverse=not flag``."""
    for node in site.nodes():
        if not isinstance(node, ast.Call) or call_name(node) not in ("sorted", "sort"):
            continue
        items: list[ast.expr | ast.keyword] = sorted(
            [*node.args, *node.keywords], key=lambda n: (n.lineno, n.col_offset))
        shown, given = site.source.span(node), [k for k in node.keywords if k.arg == "reverse"]
        if not given:
            lo = hi = _span(site, items[-1])[1] if items else shown[1] - 1
            new = ", reverse=True" if items else "reverse=True"
            if len(items) == 1 and isinstance(items[0], ast.GeneratorExp):  # sorted(x for ...)
                lo, hi = site.source.span(node.func)[1], shown[1]
                new = f"({site.source.text[lo:hi]}, reverse=True)"
            yield Mutation(lo, hi, new, "sort order", shown)
            continue
        (lo, hi), index = _span(site, given[0]), items.index(given[0])
        if index:
            lo = site.source.text.rindex(",", 0, lo)
        elif len(items) > 1:
            hi = _span(site, items[1])[0]
        yield Mutation(lo, hi, "", "sort order", shown)
        value = given[0].value
        if not isinstance(value, ast.Constant):
            yield replace(site, value, f"not {parenthesized(site, value)}", "sort order", 1)


def loop_direction(site: Site) -> Iterator[Mutation]:
    """A loop that walks its items the wrong way: ``for x in xs`` → ``for x in
    reversed(xs)`` (``range()`` included); ``reversed(xs)`` → ``xs`` is a systematic edit."""
    stmt = site.statement
    if not isinstance(stmt, (ast.For, ast.AsyncFor)) or call_name(stmt.iter) == "reversed":
        return
    yield replace(site, stmt.iter, f"reversed({site.text(stmt.iter)})", "loop direction")
