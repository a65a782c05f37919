"""Input the code does not handle, found by the exception it raised at the suspect line: a
missing key, an index out of range, a zero divisor, an empty ``max()``, a ``None`` (the
exception-driven guards of PAR, TBar and SapFix), and empty or None input a function never
checks for.

Each template returns early or skips (``continue``) before the line, or guards the one
expression that fails; which exceptions run each one is its :mod:`.registry` line.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from homeostasis.propose.templates.ast_helpers import (
    guards,
    insert_guard,
    is_str,
    parameters,
    replace,
    return_default,
    use_default,
)
from homeostasis.propose.templates.mutations import Mutation
from homeostasis.propose.templates.site import Site

_EMPTY = re.compile(r"\b(max|min)\(\) (?:arg is an empty sequence|iterable argument is empty)")
_ACCESS = (ast.Attribute, ast.Subscript, ast.Call)
#: Operands that need no parentheses next to a comparison operator.
_BARE = (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.Constant, ast.List, ast.Tuple,
         ast.Dict, ast.Set, ast.BinOp, ast.UnaryOp, ast.JoinedStr)
_NONE_USES = (
    (re.compile(r"'NoneType' object has no attribute '(\w+)'"), ast.Attribute, "value"),
    (re.compile(r"'NoneType' object is not subscriptable"), ast.Subscript, "value"),
    (re.compile(r"'NoneType' object is not callable"), ast.Call, "func"),
)


def _operand(site: Site, node: ast.expr) -> str:
    """The text of ``node``, parenthesized unless it is safe next to a comparison operator."""
    text = site.text(node)
    return text if isinstance(node, _BARE) or text.startswith("(") else f"({text})"


def _conditional(site: Site, node: ast.expr, text: str) -> str:
    """A conditional expression ``text`` in place of ``node``, parenthesized unless ``node``
    is a statement's whole value."""
    parent = site.parents.get(id(node))
    whole = isinstance(parent, (ast.Return, ast.Assign, ast.AnnAssign, ast.Expr))
    return text if whole else f"({text})"


def _len_of(node: ast.expr) -> ast.expr | None:
    """``xs`` when ``node`` is ``len(xs)``."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len"
            and len(node.args) == 1 and not node.keywords):
        return node.args[0]
    return None


def zero_division(site: Site) -> Iterator[Mutation]:
    """A ZeroDivisionError at ``a / b`` (``//``, ``%``): return early or skip when ``b == 0``
    (``not xs`` when ``b`` is ``len(xs)``), or divide only when ``b`` is not zero."""
    stmt = site.own_statement
    if stmt is None:
        return
    for node in site.nodes():
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(
                node.op, (ast.Div, ast.FloorDiv, ast.Mod)):
            divisor = node.right if isinstance(node, ast.BinOp) else node.value
            items = _len_of(divisor)
            zero = f"not {_operand(site, items)}" if items else f"{_operand(site, divisor)} == 0"
            yield from guards(site, stmt, zero, "zero-division guard")
            if isinstance(node, ast.BinOp):
                nonzero = _operand(site, items if items else divisor)
                text = f"{site.text(node)} if {nonzero} else 0"
                yield replace(site, node, _conditional(site, node, text), "zero-division guard",
                              1)


def index_error(site: Site) -> Iterator[Mutation]:
    """An IndexError at ``xs[i]``: ``xs[-1]`` for ``xs[len(xs)]``; else return early or skip
    when ``i`` is out of range (``not xs`` for a first/last element, or ``xs.pop()``), or
    index only when in range."""
    stmt = site.own_statement
    if stmt is None:
        return
    for node in site.nodes():
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
                node.func.attr == "pop" and not node.args):
            yield from guards(site, stmt, f"not {_operand(site, node.func.value)}",
                              "bounds guard")
        if not (isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load)) or isinstance(
                node.slice, ast.Slice):
            continue
        seq, index, items = _operand(site, node.value), node.slice, _len_of(node.slice)
        if items is not None and site.text(items) == site.text(node.value):
            start, end = site.source.span(index)
            yield Mutation(start, end, "-1", "last element", site.source.span(node))
            continue
        const = index.value if isinstance(index, ast.Constant) else None
        size = f"len({site.text(node.value)})"
        if const in (0, -1):
            inside, outside = seq, f"not {seq}"
        elif isinstance(const, int) and const > 0:
            inside, outside = f"{size} > {const}", f"{size} <= {const}"
        else:
            inside, outside = (f"{_operand(site, index)} {op} {size}" for op in ("<", ">="))
        yield from guards(site, stmt, outside, "bounds guard")
        chain: ast.expr = node  # xs[0].name.upper(): guard the whole access
        while isinstance(parent := site.parents.get(id(chain)), _ACCESS) and chain in (
                getattr(parent, "value", None), getattr(parent, "func", None)):
            chain = parent
        text = f"{site.text(chain)} if {inside} else {use_default(site, chain)}"
        yield replace(site, chain, _conditional(site, chain, text), "bounds guard", 1)


def missing_key(site: Site) -> Iterator[Mutation]:
    """A KeyError at ``d[k]``: ``d.get(k, <default fitting the use>)``, ``d.get(k)``, or before
    the line ``if k not in d:`` return early or skip; ``del d[k]`` → ``d.pop(k, None)``;
    ``s.remove(k)`` → ``s.discard(k)``."""
    stmt = site.own_statement
    if stmt is None:
        return
    for node in site.nodes():
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
                node.func.attr == "remove" and len(node.args) == 1):
            yield replace(site, node.func, site.text(node.func)[:-6] + "discard", "discard")
        if not isinstance(node, ast.Subscript) or isinstance(node.slice, ast.Slice):
            continue
        mapping, key = _operand(site, node.value), site.text(node.slice)
        key = f"({key})" if isinstance(node.slice, ast.Tuple) and key[0] != "(" else key
        parent = site.parents.get(id(node))
        if isinstance(node.ctx, ast.Del) and isinstance(parent, ast.Delete):
            yield replace(site, parent, f"{mapping}.pop({key}, None)", "pop")
        elif isinstance(node.ctx, ast.Load):
            default = use_default(site, node)
            whole = isinstance(parent, (ast.Return, ast.Assign, ast.AnnAssign))
            gets = [f"{mapping}.get({key}, {default})"] if default != "None" else []
            gets += [f"{mapping}.get({key})"] if default == "None" or whole else []
            for rank, new in enumerate(gets):
                yield replace(site, node, new, "dict.get", rank)
            yield from guards(site, stmt, f"{_operand(site, node.slice)} not in {mapping}",
                              "membership guard")


def empty_sequence(site: Site) -> Iterator[Mutation]:
    """A ValueError from ``max()``/``min()`` of an empty sequence: ``max(xs, default=<d>)``
    with a default fitting the use, then ``default=None``, or return early when ``not xs``."""
    failure, stmt = site.exception, site.own_statement
    match = None if failure is None else _EMPTY.search(failure.message)
    if match is None or stmt is None:
        return
    for node in site.nodes():
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == match.group(1) and len(node.args) == 1
                and not isinstance(node.args[0], ast.Starred)
                and all(k.arg not in ("default", None) for k in node.keywords)):
            continue
        (arg,) = node.args
        default = use_default(site, node)
        parts = [site.text(arg), *(f"{k.arg}={site.text(k.value)}" for k in node.keywords)]
        for rank, value in enumerate(list(dict.fromkeys((default, "0", "None")))[:2]):
            new = f"{site.text(node.func)}({', '.join([*parts, f'default={value}'])})"
            yield replace(site, node, new, "empty-sequence default", rank)
        if isinstance(arg, (ast.Name, ast.Attribute)):
            yield from guards(site, stmt, f"not {site.text(arg)}", "empty-sequence guard")


def _none_suspects(site: Site, message: str) -> list[ast.expr]:
    """The expressions on the suspect line that may have been None."""
    for pattern, kind, field in _NONE_USES:
        match = pattern.search(message)
        if match:
            return [getattr(n, field) for n in site.nodes() if isinstance(n, kind) and (
                not match.groups() or getattr(n, "attr", None) == match.group(1))]
    local = set(site.local_names)
    found: list[ast.expr] = []
    for node in site.nodes():
        if site.is_callee(node) or not isinstance(node, ast.expr) or not isinstance(
                getattr(node, "ctx", None), ast.Load):
            continue
        root = node
        while isinstance(root, ast.Attribute):
            root = root.value
        if isinstance(root, ast.Name) and root.id in local and (
                root.id not in ("self", "cls") or root is not node):
            found.append(node)
    return found


def none_guard(site: Site) -> Iterator[Mutation]:
    """An AttributeError/TypeError about ``NoneType`` at a use of ``x``: before the line,
    ``if x is None:`` return the function's default, ``continue`` a loop, or raise the project
    exception the module uses."""
    failure, stmt = site.exception, site.own_statement
    if failure is None or "NoneType" not in failure.message or stmt is None:
        return
    errors = site.project_exceptions[:1]
    suspects = [n for n in _none_suspects(site, failure.message)
                if isinstance(n, (ast.Name, ast.Attribute))]
    for text in list(dict.fromkeys(site.text(n) for n in suspects))[:2]:
        yield from guards(site, stmt, f"{text} is None", "None guard")
        for error in errors:
            mutation = insert_guard(site, stmt, f"{text} is None",
                                    f'raise {error}("{text} is missing")', "None guard", rank=5)
            yield from [mutation] if mutation else []


def _is_input(site: Site, node: ast.AST, params: set[str]) -> bool:
    """Whether ``node`` reads a parameter (not ``self``, not an index) or a non-method
    ``self.<attr>``."""
    parent = site.parents.get(id(node))
    if isinstance(parent, ast.Subscript) and parent.slice is node:
        return False
    if isinstance(node, ast.Name):
        return node.id in params and node.id not in ("self", "cls")
    return (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id == "self" and isinstance(node.ctx, ast.Load)
            and not site.is_callee(node))


def early_return(site: Site) -> Iterator[Mutation]:
    """A function that does not handle empty or None input: ``if not <p>: return <default>``
    at its top, for a parameter ``p`` (or ``self.<attr>``) used on the suspect line."""
    fn = site.function
    if fn is None or site.suspect.line < fn.body[0].lineno:
        return
    params = set(parameters(fn))
    nodes = [n for n in site.nodes() if isinstance(n, ast.expr) and _is_input(site, n, params)]
    used = [site.text(n) for n in sorted(nodes, key=lambda n: (n.lineno, n.col_offset))]
    body = fn.body
    first = body[1] if len(body) > 1 and isinstance(body[0], ast.Expr) and is_str(
        body[0].value) else body[0]
    guarded = {site.text(s.test) for s in body if isinstance(s, ast.If)}
    for text in dict.fromkeys(used):
        if f"not {text}" in guarded or first.lineno > site.suspect.line:
            continue
        mutation = insert_guard(site, first, f"not {text}", f"return {return_default(site)}",
                                "early return")
        yield from [mutation] if mutation else []
