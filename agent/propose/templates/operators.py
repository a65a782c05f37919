"""Single-edit mutation operators over Python source, one small function per kind of edit.

Each operator looks at one AST node and yields :class:`~.mutations.Mutation` values, each in
its own likelihood tier; the engine applies every operator to every node of a suspect line,
before the site templates of :mod:`.registry`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from itertools import pairwise

from homeostasis.propose.templates.ast_helpers import (
    ARITH_OPS,
    ARITH_TOKEN,
    CMP_TOKEN,
    binds_tighter_than_plus,
    token_between,
)
from homeostasis.propose.templates.mutations import (
    BOUNDARY,
    NEGATION,
    OFF_BY_ONE,
    OPERATOR,
    OTHER,
    STRUCTURE,
    Mutation,
    Source,
)

_BOOL_TOKEN = re.compile(r"\band\b|\bor\b")

# For each comparison operator, its replacements in order of likelihood, with their tier.
_COMPARE_SWAPS: dict[str, tuple[tuple[str, int], ...]] = {
    "<": (("<=", BOUNDARY), (">=", NEGATION), (">", OTHER), ("!=", OTHER), ("==", OTHER)),
    "<=": (("<", BOUNDARY), (">", NEGATION), (">=", OTHER), ("==", OTHER), ("!=", OTHER)),
    ">": ((">=", BOUNDARY), ("<=", NEGATION), ("<", OTHER), ("!=", OTHER), ("==", OTHER)),
    ">=": ((">", BOUNDARY), ("<", NEGATION), ("<=", OTHER), ("==", OTHER), ("!=", OTHER)),
    "==": (("!=", NEGATION), ("<=", OTHER), (">=", OTHER), ("<", OTHER), (">", OTHER)),
    "!=": (("==", NEGATION), ("<", OTHER), (">", OTHER), ("<=", OTHER), (">=", OTHER)),
    "in": (("not in", NEGATION),),
    "not in": (("in", NEGATION),),
    "is": (("is not", NEGATION),),
    "is not": (("is", NEGATION),),
}
_PLUS_MINUS = (ast.Add, ast.Sub)
_ARITH_SWAPS: dict[str, tuple[str, ...]] = {
    "+": ("-", "*", "/", "//", "%"),
    "-": ("+", "*", "/", "//", "%"),
    "*": ("/", "//", "+", "-", "%"),
    "/": ("//", "*", "+", "-", "%"),
    "//": ("/", "%", "*", "+", "-"),
    "%": ("//", "/", "*", "+", "-"),
}

Operator = Callable[[ast.AST, Source], Iterator[Mutation]]


def _plus_minus_one(
    src: Source, node: ast.expr, label: str, shown: ast.expr
) -> Iterator[Mutation]:
    """``expr + 1`` and ``expr - 1``, unless :func:`integer_literal` already nudges the bound
    (a literal, a negated literal, or ``x ± literal``)."""
    last = node.right if isinstance(node, ast.BinOp) and isinstance(node.op, _PLUS_MINUS) else node
    if isinstance(last, ast.UnaryOp) and isinstance(last.op, ast.USub):
        last = last.operand
    if _int_value(last) is not None:
        return
    start, end = src.span(node)
    text = src.text[start:end]
    if not binds_tighter_than_plus(node):
        text = f"({text})"
    for rank, delta in enumerate((" + 1", " - 1")):
        yield Mutation(start, end, text + delta, label, src.span(shown), rank, OFF_BY_ONE)


def _int_value(node: ast.AST) -> int | None:
    """The value of an integer literal (not a bool), else None."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    return None


# ── operators ───────────────────────────────────────────────────────────────────────────────


def comparison(node: ast.AST, src: Source) -> Iterator[Mutation]:
    """Swap each operator of a comparison: boundary (``<``↔``<=``), negation, the rest."""
    if not isinstance(node, ast.Compare):
        return
    operands = [node.left, *node.comparators]
    for left, right in pairwise(operands):
        token = token_between(src, left, right, CMP_TOKEN)
        if token is None:
            continue
        start, end, op = token
        for rank, (new, tier) in enumerate(_COMPARE_SWAPS.get(op, ())):
            yield Mutation(start, end, new, "comparison", src.span(node), rank, tier)


def arithmetic(node: ast.AST, src: Source) -> Iterator[Mutation]:
    """Swap ``+ - * / // %`` in a binary operation or an augmented assignment."""
    if isinstance(node, ast.BinOp):
        left, right, op_type = node.left, node.right, type(node.op)
    elif isinstance(node, ast.AugAssign):
        left, right, op_type = node.target, node.value, type(node.op)
    else:
        return
    old = ARITH_OPS.get(op_type)
    token = token_between(src, left, right, ARITH_TOKEN)
    if old is None or token is None or token[2] != old:
        return
    start, end, _ = token
    for rank, new in enumerate(_ARITH_SWAPS[old]):
        yield Mutation(start, end, new, "arithmetic", src.span(node), rank, OPERATOR)


def integer_literal(node: ast.AST, src: Source) -> Iterator[Mutation]:
    """An integer literal plus one and minus one."""
    value = _int_value(node)
    if value is None or not isinstance(node, ast.expr):
        return
    start, end = src.span(node)
    for rank, new in enumerate((value + 1, value - 1)):
        yield Mutation(start, end, str(new), "integer", (start, end), rank, OFF_BY_ONE)


def bounds(node: ast.AST, src: Source) -> Iterator[Mutation]:
    """``± 1`` on the start/stop of ``range()``, on slice bounds and on subscript indexes."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range":
        for arg in node.args[:2]:
            if not isinstance(arg, ast.Starred):
                yield from _plus_minus_one(src, arg, "range bound", node)
    elif isinstance(node, ast.Subscript):
        index = node.slice
        if isinstance(index, ast.Slice):
            for bound in (index.lower, index.upper):
                if bound is not None:
                    yield from _plus_minus_one(src, bound, "slice bound", node)
        elif not isinstance(index, (ast.Tuple, ast.Constant)):
            yield from _plus_minus_one(src, index, "index", node)


def boolean(node: ast.AST, src: Source) -> Iterator[Mutation]:
    """Swap ``and`` with ``or`` in a boolean operation (every operator of that node)."""
    if not isinstance(node, ast.BoolOp):
        return
    new = "or" if isinstance(node.op, ast.And) else "and"
    start, end = src.span(node)
    pieces: list[str] = []
    cursor = start
    for left, right in pairwise(node.values):
        token = token_between(src, left, right, _BOOL_TOKEN)
        if token is None:
            return
        pieces += [src.text[cursor : token[0]], new]
        cursor = token[1]
    pieces.append(src.text[cursor:end])
    yield Mutation(start, end, "".join(pieces), "boolean", (start, end), 0, OPERATOR)


def negate_condition(node: ast.AST, src: Source) -> Iterator[Mutation]:
    """Negate the condition of an ``if``/``elif``/``while`` (or drop a leading ``not``)."""
    if not isinstance(node, (ast.If, ast.While)):
        return
    test = node.test
    start, end = src.span(test)
    text = src.text[start:end]
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        new = text[len("not") :].strip()
    elif isinstance(test, (ast.BoolOp, ast.IfExp, ast.Lambda, ast.NamedExpr)):
        new = f"not ({text})"
    else:
        new = f"not {text}"
    yield Mutation(start, end, new, "negation", (start, end), 0, STRUCTURE)


def swap_arguments(node: ast.AST, src: Source) -> Iterator[Mutation]:
    """Swap the two positional arguments of a call that has exactly two and nothing else."""
    if not isinstance(node, ast.Call) or len(node.args) != 2 or node.keywords:
        return
    first, second = node.args
    if isinstance(first, ast.Starred) or isinstance(second, ast.Starred):
        return
    (a_start, a_end), (b_start, b_end) = src.span(first), src.span(second)
    a, middle, b = src.text[a_start:a_end], src.text[a_end:b_start], src.text[b_start:b_end]
    yield Mutation(a_start, b_end, b + middle + a, "argument swap", src.span(node), 0,
                   STRUCTURE)


#: Every operator, applied to every node of a suspect line.
OPERATORS: tuple[Operator, ...] = (
    comparison,
    integer_literal,
    bounds,
    arithmetic,
    boolean,
    negate_condition,
    swap_arguments,
)
