"""Numbers computed wrong: a string mixed with numbers, floor division for the ceiling, an
``int()`` that truncates where rounding was meant, ``td.seconds`` for a whole duration."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from itertools import pairwise

from homeostasis.propose.templates.ast_helpers import (
    ARITH_OPS,
    ARITH_TOKEN,
    ATOMS,
    binds_tighter_than_plus,
    call_name,
    is_str,
    name_span,
    replace,
    token_between,
)
from homeostasis.propose.templates.mutations import OTHER, Mutation
from homeostasis.propose.templates.site import Site

_CONCAT = re.compile(r'can only concatenate str \(not "\w+"\) to str')
_OPERANDS = re.compile(r"unsupported operand type\(s\) for ([^:\s]+): '(\w+)' and '(\w+)'")
_ORDER = re.compile(r"'([<>=!]+)' not supported between instances of '(\w+)' and '(\w+)'")
_JOIN = re.compile(r"sequence item \d+: expected str instance")
_TO_INT = re.compile(r"can't multiply sequence by non-int|cannot be interpreted as an integer"
                     r"|indices must be integers")
_SYMBOLS: dict[type[ast.AST], str] = {
    **ARITH_OPS, ast.Pow: "**", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
}
_NUMBERS = {"int": ("int", "float"), "float": ("float",)}
_DURATION = re.compile(r"delta|duration|elapsed|span|interval", re.I)


def _conversions(site: Site, message: str) -> Iterator[tuple[ast.expr, str]]:
    """(operand, conversion function) pairs that may cure a str/number TypeError."""
    nodes = site.nodes()
    if _CONCAT.search(message):
        for node in nodes:
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                yield from ((o, "str") for o in (node.right, node.left) if not is_str(o))
    elif match := _OPERANDS.search(message) or _ORDER.search(message):
        symbol, left_type, right_type = match.groups()
        pairs: list[tuple[ast.expr, ast.expr]] = []
        for node in nodes:
            if isinstance(node, ast.Compare):
                pairs += [p for p, op in zip(pairwise([node.left, *node.comparators]), node.ops,
                                             strict=False) if _SYMBOLS.get(type(op)) == symbol]
            elif isinstance(node, (ast.BinOp, ast.AugAssign)) and (
                    _SYMBOLS.get(type(node.op)) == symbol.rstrip("=")):
                pairs.append((node.left, node.right) if isinstance(node, ast.BinOp)
                             else (node.target, node.value))
        for left, right in pairs:
            for (a, a_type), (b, b_type) in (((left, left_type), (right, right_type)),
                                             ((right, right_type), (left, left_type))):
                if a_type == "str" and b_type in _NUMBERS:
                    yield from ((a, f) for f in _NUMBERS[b_type])
                    yield b, "str"
    elif _JOIN.search(message):
        for node in nodes:
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
                    node.func.attr == "join" and len(node.args) == 1):
                yield node.args[0], "map"
    elif _TO_INT.search(message):
        for node in nodes:
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
                yield from ((o, "int") for o in (node.right, node.left) if not is_str(o))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and (
                    node.func.id == "range"):
                yield from ((a, "int") for a in node.args if not isinstance(a, ast.Constant))
            elif isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Slice):
                yield node.slice, "int"


def type_mixing(site: Site) -> Iterator[Mutation]:
    """A TypeError from mixing str and numbers (concatenation, arithmetic, ordering, ``join``,
    repetition, ``range``/index): wrap the offending operand in ``str()``, ``int()`` or
    ``float()`` (``map(str, xs)`` for a join)."""
    failure = site.exception
    if failure is None or "NoneType" in failure.message:
        return
    done: set[tuple[int, str]] = set()
    for node, to in _conversions(site, failure.message):
        text = site.text(node)
        new = f"map(str, {text})" if to == "map" else f"{to}({text})"
        stored = isinstance(getattr(node, "ctx", None), ast.Store)
        if (id(node), to) in done or text.startswith(f"{to}(") or stored:
            continue
        done.add((id(node), to))
        yield replace(site, node, new, "type conversion", len(done))


def ceil_division(site: Site) -> Iterator[Mutation]:
    """Floor division where the ceiling was meant (pages, boxes, rows): ``a // b`` →
    ``-(-a // b)``, ``(a + b - 1) // b`` and ``math.ceil(a / b)`` when ``math`` is imported
    (``math.ceil(a / b)`` → ``a // b`` is the arithmetic operator's ``/`` → ``//``)."""
    math = site.module_alias("math")
    for node in site.nodes():
        if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.FloorDiv)):
            continue
        token = token_between(site.source, node.left, node.right, ARITH_TOKEN)
        start, end = site.source.span(node)
        if token is None:
            continue
        left = site.source.text[start : token[0]].strip()
        right = site.source.text[token[1] : end].strip()
        wrapped = site.source.span(node.left)[0] > start  # the left operand has parentheses
        negated = left if wrapped or isinstance(node.left, ATOMS) else f"({left})"
        summand = left if wrapped or binds_tighter_than_plus(node.left) else f"({left})"
        news = [f"-(-{negated} // {right})", f"({summand} + {right} - 1) // {right}"]
        for rank, new in enumerate(news + ([f"{math}.ceil({left} / {right})"] if math else [])):
            yield replace(site, node, new, "ceiling division", rank)


def timedelta_seconds(site: Site) -> Iterator[Mutation]:
    """``td.seconds`` is only the seconds part of a day: ``td.total_seconds()`` on a
    difference of two values or a name like ``elapsed``/``delta``/``duration``."""
    for node in site.nodes():
        if isinstance(node, ast.Attribute) and node.attr == "seconds" and (
                (isinstance(node.value, ast.BinOp) and isinstance(node.value.op, ast.Sub))
                or _DURATION.search(call_name(node.value))):
            yield Mutation(*name_span(site, node, "seconds"), "total_seconds()",
                           "total seconds", site.source.span(node))


def int_round(site: Site) -> Iterator[Mutation]:
    """``int(x)`` truncates a float where rounding was meant: ``round(x)`` and
    ``int(round(x))`` when ``x`` computes a float (``*``, ``/``, ``float()``); ``round(x)`` →
    ``int(x)`` (tier OTHER)."""
    for node in site.nodes():
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and len(node.args) == 1 and not node.keywords):
            continue
        if node.func.id == "round":
            yield replace(site, node.func, "int", "int for round", 0, OTHER)
        elif node.func.id == "int" and any(
                (isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Mult, ast.Div)))
                or call_name(n) == "float" for n in ast.walk(node.args[0])):
            yield replace(site, node.func, "round", "round for int")
            yield replace(site, node.args[0], f"round({site.text(node.args[0])})",
                          "round for int", 1)
