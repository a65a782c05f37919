"""The systematic single edits: every classic mutation operator the node operators and the
fault templates leave out, so that together they cover every single edit of a suspect line
(the operator set of mutation testing and of brute-force repair: operator, constant, operand
and statement replacements).

Each function here is a site template of tier EXHAUSTIVE, registered in :mod:`.registry`: a
template keyed on no fault, offered after the likelier edits of the same line, so that a bug no
template was written for is still found when it is one edit away. The edits are cheap to make
and many fail fast; the engine orders them by what the failure says (:mod:`.evidence`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from itertools import combinations

from homeostasis.propose.templates.ast_helpers import (
    ATOMS,
    binds_tighter_than_plus,
    bound_names,
    parenthesized,
    replace,
    token_between,
)
from homeostasis.propose.templates.mutations import Mutation
from homeostasis.propose.templates.site import Site

#: Values an integer constant is also replaced by (its ±1 are the node operators').
_SMALL = (0, 1, -1)
#: Binary operators whose operands may each stand alone (``1 + f(x)`` → ``f(x)``).
_DROPPABLE = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.BitOr,
              ast.BitAnd, ast.BitXor)
#: Expressions that are not numbers, so never get ``± 1``.
_NOT_NUMBERS = (ast.Constant, ast.JoinedStr, ast.List, ast.Tuple, ast.Dict, ast.Set,
                ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda,
                ast.Compare, ast.BoolOp, ast.Starred, ast.Slice, ast.IfExp, ast.Await,
                ast.Yield, ast.YieldFrom, ast.NamedExpr)
_AUG_TOKEN = re.compile(r"(?:\*\*|//|<<|>>|[-+*/%@&|^])=")
_ASSIGN_TOKEN = re.compile(r"(?<![=!<>])=(?!=)")
_BOOLEAN_CALL_PREFIXES = ("is", "has", "can", "should", "any", "all", "startswith", "endswith",
                          "isinstance", "callable", "exists")


def other_constant(site: Site) -> Iterator[Mutation]:
    """A constant that should be another: an integer or a float set to 0, 1 or -1 (its ±1
    come from the node operators), a float nudged by one, a boolean flipped."""
    for node in site.nodes():
        if not isinstance(node, ast.Constant):
            continue
        value = node.value
        if isinstance(value, bool):
            yield replace(site, node, str(not value), "constant")
        elif isinstance(value, (int, float)):
            news: list[float] = [v for v in _SMALL if v not in (value, value + 1, value - 1)]
            if isinstance(value, float):
                news += [value + 1, value - 1]
            for rank, new in enumerate(dict.fromkeys(type(value)(v) for v in news)):
                yield replace(site, node, repr(new), "constant", rank)


def _number_slots(site: Site) -> Iterator[ast.expr]:
    """The operands that may hold a number a step off: call arguments, index items, the
    operands of arithmetic, returned and assigned values (range and slice bounds and plain
    indexes are the node operators')."""
    for node in site.nodes():
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name)
                                               and node.func.id == "range"):
            yield from node.args
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Tuple):
            yield from node.slice.elts
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub, ast.Mult,
                                                                  ast.FloorDiv, ast.Mod)):
            yield from (node.left, node.right)
        elif isinstance(node, (ast.Return, ast.Assign, ast.AugAssign)) and node.value:
            yield node.value


def _joins_text(node: ast.expr) -> bool:
    """Whether ``node`` adds or formats a string literal (``"a" + x``, ``"%d" % n``)."""
    return isinstance(node, ast.BinOp) and any(
        isinstance(side, ast.JoinedStr)
        or (isinstance(side, ast.Constant) and isinstance(side.value, (str, bytes)))
        for side in (node.left, node.right))


def plus_minus_one(site: Site) -> Iterator[Mutation]:
    """A value one off where it is used: ``f(mid)`` → ``f(mid + 1)``, ``dp[i - 1, j]`` →
    ``dp[i - 1, j - 1]``, ``return b - a`` → ``return b - a + 1``."""
    seen: set[int] = set()
    for node in _number_slots(site):
        if isinstance(node, _NOT_NUMBERS) or _joins_text(node) or id(node) in seen:
            continue
        seen.add(id(node))
        text = site.text(node)
        if not binds_tighter_than_plus(node):
            text = f"({text})"
        for rank, delta in enumerate((" + 1", " - 1")):
            yield replace(site, node, text + delta, "±1", rank)


def _boolean_contexts(site: Site) -> Iterator[ast.expr]:
    """Expressions used as truth values, besides ``if``/``while`` tests (the node operators
    negate those): conditional-expression and comprehension tests, operands of ``and``/``or``,
    ``assert`` tests, and returned comparisons and predicate calls."""
    for node in site.nodes():
        if isinstance(node, ast.IfExp):
            yield node.test
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            yield from (test for g in node.generators for test in g.ifs)
        elif isinstance(node, ast.BoolOp):
            yield from node.values
        elif isinstance(node, ast.Assert):
            yield node.test
        elif isinstance(node, (ast.Return, ast.Assign)) and _truth_valued(node.value):
            assert node.value is not None
            yield node.value


def _truth_valued(node: ast.expr | None) -> bool:
    if isinstance(node, (ast.Compare, ast.BoolOp)):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        return name.startswith(_BOOLEAN_CALL_PREFIXES)
    return False


def toggle_not(site: Site) -> Iterator[Mutation]:
    """A truth value the wrong way round: ``not`` removed wherever it stands, and added to
    each tested or returned condition and each operand of ``and``/``or``."""
    for node in site.nodes():
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield replace(site, node, parenthesized(site, node.operand), "not")
    for rank, test in enumerate(_boolean_contexts(site)):
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            continue
        text = site.text(test)
        new = f"not {text}" if isinstance(test, (*ATOMS, ast.Compare)) else f"not ({text})"
        yield replace(site, test, new, "not", rank)


def drop_operand(site: Site) -> Iterator[Mutation]:
    """A term too many: each operand of an arithmetic or bitwise operation left alone
    (``1 + dist(a, b)`` → ``dist(a, b)``), a unary minus dropped."""
    for node in site.nodes():
        if isinstance(node, ast.BinOp) and isinstance(node.op, _DROPPABLE):
            for rank, kept in enumerate((node.right, node.left)):
                yield replace(site, node, parenthesized(site, kept), "drop operand", rank)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.Invert)):
            yield replace(site, node, parenthesized(site, node.operand), "drop operand")


def swap_addition(site: Site) -> Iterator[Mutation]:
    """Strings or lists joined in the wrong order: ``result + digit`` → ``digit + result``
    (the other operators are :func:`.wrong_operators.swap_operands`')."""
    for node in site.nodes():
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            new = f"{parenthesized(site, node.right)} + {parenthesized(site, node.left)}"
            yield replace(site, node, new, "operand swap")


def unwrap_call(site: Site) -> Iterator[Mutation]:
    """A call too many: a call of one argument replaced by that argument (``yield
    flatten(x)`` → ``yield x``, ``abs(d)`` → ``d``)."""
    for node in site.nodes():
        if (isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords
                and not isinstance(node.args[0], ast.Starred)):
            yield replace(site, node, parenthesized(site, node.args[0]), "unwrap call")


def swap_distant_arguments(site: Site) -> Iterator[Mutation]:
    """Two positional arguments that are not next to each other passed in each other's place
    (neighbours are :func:`.wrong_operators.swap_adjacent_arguments`')."""
    text = site.source.text
    for node in site.nodes():
        if not isinstance(node, ast.Call) or any(isinstance(a, ast.Starred) for a in node.args):
            continue
        for rank, (i, j) in enumerate((i, j) for i, j in combinations(range(len(node.args)), 2)
                                      if j > i + 1):
            (a0, a1), (b0, b1) = (site.source.span(node.args[k]) for k in (i, j))
            new = text[b0:b1] + text[a1:b0] + text[a0:a1]
            yield Mutation(a0, b1, new, "argument swap", site.source.span(node), rank)


def assignment_kind(site: Site) -> Iterator[Mutation]:
    """An update written as an assignment or the other way round: ``x += y`` → ``x = y``,
    ``x = y`` → ``x += y``."""
    for node in site.nodes():
        if isinstance(node, ast.AugAssign):
            token = token_between(site.source, node.target, node.value, _AUG_TOKEN)
            if token is not None:
                yield Mutation(token[0], token[1], "=", "assignment", site.source.span(node))
        elif (isinstance(node, ast.Assign) and len(node.targets) == 1
              and isinstance(node.targets[0], (ast.Name, ast.Attribute, ast.Subscript))):
            token = token_between(site.source, node.targets[0], node.value, _ASSIGN_TOKEN)
            if token is not None:
                yield Mutation(token[0], token[1], "+=", "assignment", site.source.span(node))


def swap_jump(site: Site) -> Iterator[Mutation]:
    """A loop left where it should go on, or the other way round: ``break`` ↔ ``continue``."""
    for node in site.nodes():
        if isinstance(node, (ast.Break, ast.Continue)):
            new = "continue" if isinstance(node, ast.Break) else "break"
            yield replace(site, node, new, "jump")


def drop_slice_bound(site: Site) -> Iterator[Mutation]:
    """A slice cut where it should not be: each bound of a slice dropped (``xs[1:]`` →
    ``xs[:]``, ``s[:n]`` → ``s[:]``)."""
    for node in site.nodes():
        if not isinstance(node, ast.Slice):
            continue
        for rank, bound in enumerate((node.lower, node.upper)):
            if bound is not None:
                yield replace(site, bound, "", "slice bound", rank)


def return_local(site: Site) -> Iterator[Mutation]:
    """The wrong thing returned: a returned expression replaced by each local variable bound
    there, nearest first (a returned name is :func:`.wrong_names.replace_variable`'s)."""
    stmt = site.statement
    if not isinstance(stmt, ast.Return) or stmt.value is None or isinstance(stmt.value,
                                                                            ast.Name):
        return
    bound = bound_names(site, stmt.value)
    for rank, name in enumerate(sorted(bound, key=lambda n: (bound[n], n))):
        yield replace(site, stmt.value, name, "return value", rank)

