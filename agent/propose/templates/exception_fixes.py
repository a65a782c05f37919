"""Fixes keyed on the exception raised at the suspect line: a missing key, an index out of
range, a division by zero, an empty ``max()``, mixed str/int operands, the wrong exception
class raised or caught, a misspelt name (the exception-driven templates of PAR, TBar, SapFix
and Getafix).

Each template yields nothing unless the failure raised at the site fits it, then at most
:data:`CAP` mutations, likeliest first, in tier BOUNDARY (dropping a class from an ``except``
tuple that no test asked for is STRUCTURE). :data:`TEMPLATES` also holds the None/empty-input
guards of :mod:`homeostasis.propose.templates.input_guards`.
"""
from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from difflib import get_close_matches
from itertools import islice, pairwise

from homeostasis.propose.templates.input_guards import (
    CAP,
    GUARD_TEMPLATES,
    conditional,
    exc_name,
    guards,
    is_str,
    operand,
    project_exceptions,
    raised,
    replace,
    statement_at,
    use_default,
)
from homeostasis.propose.templates.mutations import BOUNDARY, STRUCTURE, Mutation
from homeostasis.propose.templates.site import BUILTIN_NAMES, Site, SiteTemplate

_EMPTY = re.compile(r"\b(max|min)\(\) (?:arg is an empty sequence|iterable argument is empty)")
_DID_NOT_RAISE = re.compile(r"DID NOT RAISE <class '([\w.]+)'>")
_CONCAT = re.compile(r'can only concatenate str \(not "\w+"\) to str')
_OPERANDS = re.compile(r"unsupported operand type\(s\) for ([^:\s]+): '(\w+)' and '(\w+)'")
_ORDER = re.compile(r"'([<>=!]+)' not supported between instances of '(\w+)' and '(\w+)'")
_JOIN = re.compile(r"sequence item \d+: expected str instance")
_TO_INT = re.compile(r"can't multiply sequence by non-int|cannot be interpreted as an integer"
                     r"|indices must be integers")
_UNDEFINED = re.compile(r"name '(\w+)' is not defined")
_NO_ATTRIBUTE = re.compile(r"object has no attribute '(\w+)'")
_SUGGESTED = re.compile(r"Did you mean:? '?(\w+)'?\?")
_SYMBOLS: dict[type[ast.AST], str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
    ast.Pow: "**", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
}
_NUMBERS = {"int": ("int", "float"), "float": ("float",)}
_ACCESS = (ast.Attribute, ast.Subscript, ast.Call)


def _expected(site: Site) -> list[str]:
    """Exception classes a failing test expected and did not get (``pytest.raises``)."""
    return [m.group(1).rsplit(".", 1)[-1] for f in site.failures
            for m in _DID_NOT_RAISE.finditer(f.message)]


def _len_of(node: ast.expr) -> ast.expr | None:
    """``xs`` when ``node`` is ``len(xs)``."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len"
            and len(node.args) == 1 and not node.keywords):
        return node.args[0]
    return None


def zero_division(site: Site) -> Iterator[Mutation]:
    """A ZeroDivisionError at ``a / b`` (``//``, ``%``): return early or skip when ``b == 0``
    (``not xs`` when ``b`` is ``len(xs)``), or divide only when ``b`` is not zero."""
    stmt = statement_at(site)
    if raised(site, "ZeroDivisionError") is None or stmt is None:
        return
    found: list[Mutation] = []
    for node in site.nodes():
        if isinstance(node, (ast.BinOp, ast.AugAssign)) and isinstance(
                node.op, (ast.Div, ast.FloorDiv, ast.Mod)):
            divisor = node.right if isinstance(node, ast.BinOp) else node.value
            items = _len_of(divisor)
            zero = f"not {operand(site, items)}" if items else f"{operand(site, divisor)} == 0"
            found += guards(site, stmt, zero, "zero-division guard")
            if isinstance(node, ast.BinOp):
                nonzero = operand(site, items if items else divisor)
                text = f"{site.text(node)} if {nonzero} else 0"
                found.append(replace(site, node, conditional(site, node, text),
                                     "zero-division guard", 1))
    yield from islice(found, CAP)


def index_error(site: Site) -> Iterator[Mutation]:
    """An IndexError at ``xs[i]``: ``xs[-1]`` for ``xs[len(xs)]``; else return early or skip
    when ``i`` is out of range (``not xs`` for a first/last element, or ``xs.pop()``), or
    index only when in range."""
    stmt = statement_at(site)
    if raised(site, "IndexError") is None or stmt is None:
        return
    found: list[Mutation] = []
    for node in site.nodes():
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
                node.func.attr == "pop" and not node.args):
            found += guards(site, stmt, f"not {operand(site, node.func.value)}", "bounds guard")
        if not (isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load)) or isinstance(
                node.slice, ast.Slice):
            continue
        seq, index, items = operand(site, node.value), node.slice, _len_of(node.slice)
        if items is not None and site.text(items) == site.text(node.value):
            start, end = site.source.span(index)
            found.append(Mutation(start, end, "-1", "last element", BOUNDARY,
                                  site.source.span(node)))
            continue
        const = index.value if isinstance(index, ast.Constant) else None
        size = f"len({site.text(node.value)})"
        if const in (0, -1):
            inside, outside = seq, f"not {seq}"
        elif isinstance(const, int) and const > 0:
            inside, outside = f"{size} > {const}", f"{size} <= {const}"
        else:
            inside, outside = (f"{operand(site, index)} {op} {size}" for op in ("<", ">="))
        found += guards(site, stmt, outside, "bounds guard")
        chain: ast.expr = node  # xs[0].name.upper(): guard the whole access
        while isinstance(parent := site.parents.get(id(chain)), _ACCESS) and chain in (
                getattr(parent, "value", None), getattr(parent, "func", None)):
            chain = parent
        text = f"{site.text(chain)} if {inside} else {use_default(site, chain)}"
        found.append(replace(site, chain, conditional(site, chain, text), "bounds guard", 1))
    yield from islice(found, CAP)


def missing_key(site: Site) -> Iterator[Mutation]:
    """A KeyError at ``d[k]``: ``d.get(k, <default fitting the use>)``, ``d.get(k)``, or before
    the line ``if k not in d:`` return early or skip; ``del d[k]`` → ``d.pop(k, None)``;
    ``s.remove(k)`` → ``s.discard(k)``."""
    stmt = statement_at(site)
    if raised(site, "KeyError") is None or stmt is None:
        return
    found: list[Mutation] = []
    for node in site.nodes():
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
                node.func.attr == "remove" and len(node.args) == 1):
            found.append(replace(site, node.func, site.text(node.func)[:-6] + "discard",
                                 "discard"))
        if not isinstance(node, ast.Subscript) or isinstance(node.slice, ast.Slice):
            continue
        mapping, key = operand(site, node.value), site.text(node.slice)
        key = f"({key})" if isinstance(node.slice, ast.Tuple) and key[0] != "(" else key
        parent = site.parents.get(id(node))
        if isinstance(node.ctx, ast.Del) and isinstance(parent, ast.Delete):
            found.append(replace(site, parent, f"{mapping}.pop({key}, None)", "pop"))
        elif isinstance(node.ctx, ast.Load):
            default = use_default(site, node)
            whole = isinstance(parent, (ast.Return, ast.Assign, ast.AnnAssign))
            gets = [f"{mapping}.get({key}, {default})"] if default != "None" else []
            gets += [f"{mapping}.get({key})"] if default == "None" or whole else []
            found += [replace(site, node, new, "dict.get", rank) for rank, new in enumerate(gets)]
            found += guards(site, stmt, f"{operand(site, node.slice)} not in {mapping}",
                            "membership guard")
    yield from islice(found, CAP)


def empty_sequence(site: Site) -> Iterator[Mutation]:
    """A ValueError from ``max()``/``min()`` of an empty sequence: ``max(xs, default=<d>)``
    with a default fitting the use, then ``default=None``, or return early when ``not xs``."""
    failure, stmt = raised(site, "ValueError"), statement_at(site)
    match = None if failure is None else _EMPTY.search(failure.message)
    if match is None or stmt is None:
        return
    found: list[Mutation] = []
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
            found.append(replace(site, node, new, "empty-sequence default", rank))
        if isinstance(arg, (ast.Name, ast.Attribute)):
            found += guards(site, stmt, f"not {site.text(arg)}", "empty-sequence guard")
    yield from islice(found, CAP)


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
    failure = raised(site, "TypeError")
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
        if len(done) >= CAP:
            return


def wrong_raise(site: Site) -> Iterator[Mutation]:
    """``raise E(...)`` of the wrong class (this line raised the failure, or a test expected
    another class): ``raise X(...)`` for the class the test expected, then for each project
    exception class the module raises, catches, defines or imports."""
    stmt = site.statement
    if not isinstance(stmt, ast.Raise) or stmt.exc is None:
        return
    exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
    old = site.text(exc)
    expected = _expected(site)
    here = site.exception is not None and exc_name(site.exception) == old.rsplit(".", 1)[-1]
    if not (here or expected) or not isinstance(exc, (ast.Name, ast.Attribute)):
        return
    names = [n for n in dict.fromkeys(expected + project_exceptions(site)) if n != old
             and (n in site.module_names or n in BUILTIN_NAMES)]
    for rank, name in enumerate(names[:CAP]):
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
    from a tuple (first the class a test expected to see raised)."""
    found = _try_at(site)
    if found is None:
        return
    block, handlers = found
    body = range(block.body[0].lineno, (block.body[-1].end_lineno or 0) + 1)
    escaped = [exc_name(f) for f in site.failures
               if any(fr.path == site.path and fr.line in body for fr in f.frames)]
    expected = _expected(site)
    out: list[Mutation] = []
    for handler in (h for h in handlers if h.type is not None):
        assert handler.type is not None
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        names = [site.text(t) for t in types]
        for name in dict.fromkeys(escaped):
            if name in names or "Exception" in names or not (
                    name in BUILTIN_NAMES or name in site.module_names):
                continue
            out += [replace(site, handler.type, f"({', '.join([*names, name])})", "except"),
                    replace(site, handler.type, name, "except", 1)]
        if len(names) < 2 or not (expected or handler.lineno == site.suspect.line):
            continue
        for rank, name in enumerate(names):
            rest = [n for n in names if n != name]
            new = rest[0] if len(rest) == 1 else f"({', '.join(rest)})"
            tier = BOUNDARY if name in expected else STRUCTURE
            out.append(replace(site, handler.type, new, "except", 2 + rank, tier))
    yield from islice(out, CAP)


def name_typo(site: Site) -> Iterator[Mutation]:
    """A NameError (or AttributeError not about None) at a misspelt name: the name Python
    suggests, then the closest names defined in the file (locals, module names, builtins;
    for an attribute, the attributes used in the file)."""
    failure = raised(site, "NameError", "AttributeError")
    if failure is None or "NoneType" in failure.message:
        return
    message = failure.message
    undefined, missing = _UNDEFINED.search(message), _NO_ATTRIBUTE.search(message)
    if undefined:
        bad = undefined.group(1)
        nodes: list[ast.expr] = [n for n in site.nodes() if isinstance(n, ast.Name)
                                 and n.id == bad]
        pool = [*site.local_names, *site.module_names, *sorted(BUILTIN_NAMES)]
    elif missing:
        bad = missing.group(1)
        nodes = [n for n in site.nodes() if isinstance(n, ast.Attribute) and n.attr == bad]
        pool = [n.attr for n in ast.walk(site.tree) if isinstance(n, ast.Attribute)]
    else:
        return
    hint = _SUGGESTED.search(message)
    choices = [*([hint.group(1)] if hint else []),
               *get_close_matches(bad, [n for n in dict.fromkeys(pool) if n != bad], 3, 0.6)]
    found: list[Mutation] = []
    for node in nodes:
        start, end = site.source.span(node)
        for rank, name in enumerate(dict.fromkeys(choices)):
            found.append(Mutation(end - len(bad), end, name, "name", BOUNDARY, (start, end),
                                  rank))
    yield from islice(found, CAP)


#: Every template of this module and of :mod:`homeostasis.propose.templates.input_guards`.
TEMPLATES: tuple[SiteTemplate, ...] = (
    missing_key, index_error, zero_division, empty_sequence, type_mixing, wrong_raise,
    except_clause, name_typo,
    *GUARD_TEMPLATES,
)
