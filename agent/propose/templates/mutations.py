"""Single-edit mutation operators over Python source, one small function per family.

Each operator looks at one AST node and yields :class:`Mutation` values: an exact character
span of the source and its replacement text. Operators never parse or check the result; the
caller (:mod:`homeostasis.propose.templates.engine`) does that.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise

# Likelihood tiers: lower comes first among the mutations of one suspect line.
BOUNDARY, OFF_BY_ONE, NEGATION, OPERATOR, STRUCTURE, OTHER = range(6)

_NEWLINE = re.compile(r"\r\n|\r|\n")
_COMMENT = re.compile(r"#[^\r\n]*")
_CMP_TOKEN = re.compile(r"\bnot\s+in\b|\bis\s+not\b|\bin\b|\bis\b|<=|>=|==|!=|<|>")
_BOOL_TOKEN = re.compile(r"\band\b|\bor\b")
_ARITH_TOKEN = re.compile(r"\*\*|//|<<|>>|[-+*/%@&|^]")

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

_ARITH_OPS: dict[type[ast.operator], str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
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

# Expressions that need no parentheses around them when ``± 1`` is appended.
_ATOMS = (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.Constant, ast.List, ast.Tuple,
          ast.Dict, ast.Set, ast.JoinedStr, ast.ListComp, ast.SetComp, ast.DictComp,
          ast.GeneratorExp)


class Source:
    """Python source text with conversions from AST positions to character offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def line_start(self, lineno: int) -> int:
        """The character offset where 1-based line ``lineno`` starts (the text's length for a
        line past the end)."""
        return self._starts[lineno - 1] if lineno - 1 < len(self._starts) else len(self.text)

    def offset(self, lineno: int, col: int) -> int:
        """The character offset of AST position (``lineno``, UTF-8 byte column ``col``)."""
        start = self._starts[lineno - 1]
        end = self._starts[lineno] if lineno < len(self._starts) else len(self.text)
        return start + len(self.text[start:end].encode("utf-8")[:col].decode("utf-8", "ignore"))

    def span(self, node: ast.expr | ast.stmt) -> tuple[int, int]:
        """The character span ``(start, end)`` of a node."""
        end_lineno = node.end_lineno or node.lineno
        end_col = node.col_offset if node.end_col_offset is None else node.end_col_offset
        return self.offset(node.lineno, node.col_offset), self.offset(end_lineno, end_col)


@dataclass(frozen=True)
class Mutation:
    """Replace ``text[start:end]`` by ``replacement``; ``shown`` is the span of the enclosing
    node, quoted in descriptions, and ``tier`` the likelihood class (lower is likelier)."""

    start: int
    end: int
    replacement: str
    family: str
    tier: int
    shown: tuple[int, int]
    rank: int = 0


Operator = Callable[[ast.AST, Source], Iterator[Mutation]]


def _token_between(
    src: Source, left: ast.expr, right: ast.expr, pattern: re.Pattern[str]
) -> tuple[int, int, str] | None:
    """The operator token between two sibling nodes (ignoring parentheses and comments)."""
    lo, hi = src.span(left)[1], src.span(right)[0]
    gap = _COMMENT.sub(lambda m: " " * len(m.group()), src.text[lo:hi])
    match = pattern.search(gap)
    if match is None:
        return None
    return lo + match.start(), lo + match.end(), " ".join(match.group().split())


def _plus_minus_one(
    src: Source, node: ast.expr, family: str, shown: ast.expr
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
    if not _binds_tighter_than_plus(node):
        text = f"({text})"
    for rank, delta in enumerate((" + 1", " - 1")):
        yield Mutation(start, end, text + delta, family, OFF_BY_ONE, src.span(shown), rank)


def _int_value(node: ast.AST) -> int | None:
    """The value of an integer literal (not a bool), else None."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    return None


def _binds_tighter_than_plus(node: ast.AST) -> bool:
    """True when ``<node> + 1`` still adds one to the whole of ``node``."""
    if isinstance(node, ast.BinOp):
        return isinstance(node.op, (*_ARITH_OPS, ast.Pow, ast.MatMult))
    if isinstance(node, ast.UnaryOp):
        return not isinstance(node.op, ast.Not)
    return isinstance(node, _ATOMS)


# ── operator families ───────────────────────────────────────────────────────────────────────


def comparison(node: ast.AST, src: Source) -> Iterator[Mutation]:
    """Swap each operator of a comparison: boundary (``<``↔``<=``), negation, the rest."""
    if not isinstance(node, ast.Compare):
        return
    operands = [node.left, *node.comparators]
    for left, right in pairwise(operands):
        token = _token_between(src, left, right, _CMP_TOKEN)
        if token is None:
            continue
        start, end, op = token
        for rank, (new, tier) in enumerate(_COMPARE_SWAPS.get(op, ())):
            yield Mutation(start, end, new, "comparison", tier, src.span(node), rank)


def arithmetic(node: ast.AST, src: Source) -> Iterator[Mutation]:
    """Swap ``+ - * / // %`` in a binary operation or an augmented assignment."""
    if isinstance(node, ast.BinOp):
        left, right, op_type = node.left, node.right, type(node.op)
    elif isinstance(node, ast.AugAssign):
        left, right, op_type = node.target, node.value, type(node.op)
    else:
        return
    old = _ARITH_OPS.get(op_type)
    token = _token_between(src, left, right, _ARITH_TOKEN)
    if old is None or token is None or token[2] != old:
        return
    start, end, _ = token
    for rank, new in enumerate(_ARITH_SWAPS[old]):
        yield Mutation(start, end, new, "arithmetic", OPERATOR, src.span(node), rank)


def integer_literal(node: ast.AST, src: Source) -> Iterator[Mutation]:
    """An integer literal plus one and minus one."""
    value = _int_value(node)
    if value is None or not isinstance(node, ast.expr):
        return
    start, end = src.span(node)
    for rank, new in enumerate((value + 1, value - 1)):
        yield Mutation(start, end, str(new), "integer", OFF_BY_ONE, (start, end), rank)


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
        token = _token_between(src, left, right, _BOOL_TOKEN)
        if token is None:
            return
        pieces += [src.text[cursor : token[0]], new]
        cursor = token[1]
    pieces.append(src.text[cursor:end])
    yield Mutation(start, end, "".join(pieces), "boolean", OPERATOR, (start, end))


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
    yield Mutation(start, end, new, "negation", STRUCTURE, (start, end))


def swap_arguments(node: ast.AST, src: Source) -> Iterator[Mutation]:
    """Swap the two positional arguments of a call that has exactly two and nothing else."""
    if not isinstance(node, ast.Call) or len(node.args) != 2 or node.keywords:
        return
    first, second = node.args
    if isinstance(first, ast.Starred) or isinstance(second, ast.Starred):
        return
    (a_start, a_end), (b_start, b_end) = src.span(first), src.span(second)
    a, middle, b = src.text[a_start:a_end], src.text[a_end:b_start], src.text[b_start:b_end]
    yield Mutation(a_start, b_end, b + middle + a, "argument swap", STRUCTURE, src.span(node))


#: Every operator family, applied to every node of a suspect line.
OPERATORS: tuple[Operator, ...] = (
    comparison,
    integer_literal,
    bounds,
    arithmetic,
    boolean,
    negate_condition,
    swap_arguments,
)
