"""A statement missing: an in-place call (``items.sort()``, ``s = s.strip()``) mined from
elsewhere in the module, a ``self`` attribute never refreshed, or an update, reset or append
copied from nearby code (the statement insertions of GenProg, ARJA and TBar)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from homeostasis.propose.templates.ast_helpers import (
    FIXED,
    JUMPS,
    contains,
    header,
    insertion,
    key,
    reads,
    replace,
    walk_scope,
    writes,
)
from homeostasis.propose.templates.mutations import OTHER, Mutation
from homeostasis.propose.templates.site import BUILTIN_NAMES, Site

#: Lines around the suspect that code is copied from.
NEARBY = 15
_HOLE = "\x00"  # where a mined statement's receiver goes


def _similar(name: str, other: str) -> bool:
    """Names for the same kind of value: equal, sharing a word, or a 4-letter stem."""
    words = {w for w in name.lower().split("_") if len(w) >= 3}
    return (name == other or bool(words & set(other.lower().split("_")))
            or (min(len(name), len(other)) >= 4 and name[:4] == other[:4]))


def _mined_call(site: Site, stmt: ast.AST) -> tuple[str, str] | None:
    """(receiver, text with holes) for a one-line statement that updates a variable by a call
    — ``xs.sort(key=...)``, ``s = s.strip()`` — and uses nothing else local."""
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        func = stmt.value.func
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
            return None
        receiver = func.value.id
    elif (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(
            stmt.targets[0], ast.Name) and isinstance(stmt.value, ast.Call)):
        receiver = stmt.targets[0].id
        if receiver not in reads(stmt.value):
            return None
    else:
        return None
    if stmt.lineno != stmt.end_lineno:
        return None
    lambda_args = {a.arg for n in ast.walk(stmt) if isinstance(n, ast.Lambda)
                   for a in ast.walk(n.args) if isinstance(a, ast.arg)}
    known = {receiver, *lambda_args, *site.module_names, *BUILTIN_NAMES}
    names = [n for n in ast.walk(stmt) if isinstance(n, ast.Name)]
    if any(n.id not in known for n in names):
        return None
    start = site.source.span(stmt)[0]
    pieces, cursor = [], start
    for n in sorted((n for n in names if n.id == receiver), key=lambda n: n.col_offset):
        lo, hi = site.source.span(n)
        pieces += [site.source.text[cursor:lo], _HOLE]
        cursor = hi
    pieces.append(site.source.text[cursor:site.source.span(stmt)[1]])
    return receiver, "".join(pieces)


def _indexed_list(fn: ast.AST, name: str) -> bool:
    """Whether ``name`` is built as a list in ``fn`` and indexed there (its order matters)."""
    built = any(isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name
                                                  for t in n.targets)
                and (isinstance(n.value, (ast.List, ast.ListComp)) or (
                    isinstance(n.value, ast.Call) and isinstance(n.value.func, ast.Name)
                    and n.value.func.id == "list")) for n in walk_scope(fn))
    return built and any(isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name)
                         and n.value.id == name for n in walk_scope(fn))


def missing_call(site: Site) -> Iterator[Mutation]:
    """A missing in-place call on a value the suspect uses: ``items.sort()``, ``x = x.strip()``
    copied from elsewhere in the module for a same-named or similar variable (then a plain
    ``xs.sort()`` for a list built here and indexed), just before the use, or just after the
    suspect when it is the assignment."""
    anchor, fn = site.innermost_statement, site.function
    if anchor is None or fn is None or isinstance(anchor, FIXED) or not site.owns_lines(anchor):
        return
    first_bound = {a.arg: fn.lineno for a in ast.walk(fn.args) if isinstance(a, ast.arg)}
    for n in sorted((n for n in walk_scope(fn) if isinstance(n, ast.Name)
                     and isinstance(n.ctx, ast.Store)), key=lambda n: -n.lineno):
        first_bound[n.id] = n.lineno
    used = {k for n in header(anchor) for k in reads(n) if k in first_bound}
    assigned = {k for n in header(anchor) for k in writes(n)} & set(first_bound)
    mined = dict.fromkeys(m for n in ast.walk(site.tree) if (m := _mined_call(site, n)))
    existing = {site.dedented(s) for s in walk_scope(fn) if isinstance(s, ast.stmt)}
    edits: dict[str, tuple[int, int, str]] = {}
    for name in sorted(used | assigned):
        after = name in assigned and not isinstance(anchor, JUMPS) and len(header(anchor)) == len(
            list(ast.iter_child_nodes(anchor)))
        if not after and first_bound[name] >= anchor.lineno:
            continue
        options = [(0 if r == name else 1, t.replace(_HOLE, name)) for r, t in mined
                   if _similar(name, r)]
        if _indexed_list(fn, name):
            options.append((2, f"{name}.sort()"))
        for rank, text in options:
            if text not in existing and text not in edits:
                edits[text] = (rank, int(after), text)
    indent = site.indentation(anchor.lineno)
    for rank, (order, later, text) in enumerate(sorted(edits.values())):
        line = (anchor.end_lineno or anchor.lineno) + 1 if later else anchor.lineno
        tier = None if order == 0 else OTHER
        yield insertion(site, line, indent, text, anchor, "missing call", rank, tier)


def _called(value: ast.AST | None) -> str | None:
    """The name of the function or method a value is the result of (``clock.now()`` → now)."""
    if isinstance(value, ast.Call):
        func = value.func
        return func.attr if isinstance(func, ast.Attribute) else key(func)
    return None


def _paired(fn: ast.AST, attr: str) -> set[str]:
    """Variables an attribute is compared with or subtracted from in ``fn`` (``now - self.t``,
    ``seen != self.last``)."""
    return {k for n in walk_scope(fn)
            if isinstance(n, ast.Compare) or (isinstance(n, ast.BinOp)
                                               and isinstance(n.op, ast.Sub))
            for sides in [[n.left, n.right] if isinstance(n, ast.BinOp) else
                          [n.left, *n.comparators]]
            if attr in {key(x) for x in sides}
            for k in (key(x) for x in sides) if k and "." not in k}


def missing_update(site: Site) -> Iterator[Mutation]:
    """``self.attr = name`` after the suspect, for a ``self`` attribute this method reads but
    never writes while another method does (a timestamp or cache never refreshed). The value
    is a local computed like the other method's assignment (``now = self.clock.now()`` for
    ``self.t = clock.now()``) or one the attribute is compared with or subtracted from
    (``now - self.t``); attributes the suspect itself reads first."""
    anchor, fn = site.innermost_statement, site.function
    if (anchor is None or fn is None or isinstance(anchor, JUMPS) or not site.owns_lines(anchor)
            or not fn.args.args or fn.args.args[0].arg != "self"):
        return
    stale = {k for k in reads(fn) if k.startswith("self.")} - writes(fn)
    near = {k for n in header(anchor) for k in reads(n)}
    sources: dict[str, set[str | None]] = {}
    for node in ast.walk(site.tree):
        if isinstance(node, ast.Assign) and not contains(fn, node):
            for target in node.targets:
                if (k := key(target)) in stale:
                    sources.setdefault(k, set()).add(_called(node.value))
    bound: dict[str, ast.AST | None] = {a.arg: None for a in fn.args.args[1:]}
    assigns = sorted(((n.lineno, t.id, n.value) for n in walk_scope(fn)
                      if isinstance(n, ast.Assign) and isinstance(t := n.targets[0], ast.Name)
                      and n.lineno <= anchor.lineno), key=lambda a: a[0])
    for _, name, value in assigns:
        bound.pop(name, None)  # keep the latest assignment last
        bound[name] = value
    edits = sorted((attr not in near, index, f"{attr} = {name}") for attr in sorted(sources)
                   for index, (name, value) in enumerate(reversed(bound.items()))
                   if _called(value) in sources[attr] - {None} or name in _paired(fn, attr))
    line, indent = (anchor.end_lineno or anchor.lineno) + 1, site.indentation(anchor.lineno)
    for rank, (_, _, text) in enumerate(edits):
        yield insertion(site, line, indent, text, anchor, "missing update", rank)


def _copyable(site: Site, stmt: ast.stmt) -> bool:
    """A statement of at most four lines that can run anywhere in its function."""
    if isinstance(stmt, FIXED) or (stmt.end_lineno or stmt.lineno) - stmt.lineno > 3:
        return False
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
        return False
    banned = (*JUMPS, ast.Yield, ast.YieldFrom, *FIXED)
    return site.owns_lines(stmt) and not any(isinstance(n, banned) for n in ast.walk(stmt))


def _places(site: Site, anchor: ast.stmt) -> list[tuple[int, str, str]]:
    """Where a statement can go around ``anchor``: before it, at the start of its body (a
    compound statement) and after it (unless it jumps away); as (line, indentation, the
    text of the statement already next to that place)."""
    found = site.enclosing_body(anchor)
    block = [] if found is None else found[2]
    index = next((i for i, s in enumerate(block) if s is anchor), 0)
    near = [site.dedented(block[i]) if 0 <= i < len(block) else "" for i in (index - 1,
                                                                           index + 1)]
    indent = site.indentation(anchor.lineno)
    places = [(anchor.lineno, indent, near[0])]
    body = getattr(anchor, "body", None)
    if (isinstance(body, list) and body and isinstance(body[0], ast.stmt)
            and body[0].lineno > anchor.lineno and site.owns_lines(body[0])):
        places.append((body[0].lineno, site.indentation(body[0].lineno), site.dedented(body[0])))
    if not isinstance(anchor, JUMPS):
        places.append(((anchor.end_lineno or anchor.lineno) + 1, indent, near[1]))
    return places


def insert_nearby(site: Site) -> Iterator[Mutation]:
    """A missing statement (an update ``total += x``, a reset ``current = []``, an append)
    copied from within ``NEARBY`` lines of the same function to just before or after the
    suspect statement. Statements that update what the suspect reads or writes come first,
    then those that read it; among them, those from another block (not already run on this
    path), nearest first."""
    anchor = site.innermost_statement
    found = None if anchor is None else site.enclosing_body(anchor)
    if anchor is None or found is None or isinstance(anchor, FIXED) or not site.owns_lines(anchor):
        return
    region = set().union(*(reads(n) | writes(n) for n in header(anchor)))
    used = set().union(*(reads(n) for n in header(anchor)))
    scope: ast.AST = site.function or site.tree
    donors: dict[str, tuple[int, bool, bool, int]] = {}
    clobbers: set[str] = set()  # resets of a value the suspect reads: never just before it
    companions = _companions(site, scope, anchor)
    for node in walk_scope(scope):
        if (not isinstance(node, ast.stmt) or node is scope or contains(node, anchor)
                or abs(node.lineno - anchor.lineno) > NEARBY or not _copyable(site, node)):
            continue
        relevance = 0 if writes(node) & region or id(node) in companions else (
            1 if reads(node) & region else 2)
        text, reset = site.dedented(node), _is_reset(site, node)
        order = (relevance, not reset, any(s is node for s in found[2]),
                 abs(node.lineno - anchor.lineno))
        if relevance < 2 and text != site.dedented(anchor):
            donors[text] = min(donors.get(text, order), order)
            if reset and writes(node) & used:
                clobbers.add(text)
    edits = sorted((order, text, place[:2]) for text, order in donors.items()
                   for place in _places(site, anchor) if place[2] != text
                   and not (place[0] == anchor.lineno and text in clobbers))
    for rank, (_, text, (line, indent)) in enumerate(edits):
        yield insertion(site, line, indent, text, anchor, "insert statement", rank)


def _companions(site: Site, scope: ast.AST, anchor: ast.stmt) -> set[int]:
    """Statements within two of another copy of ``anchor`` in its block (``count = 0`` next
    to ``total = 0`` where both are set up): likely missing next to ``anchor`` as well."""
    text, found = site.dedented(anchor), set()
    for node in walk_scope(scope):
        if not isinstance(node, ast.stmt) or node is anchor or site.dedented(node) != text:
            continue
        block = site.enclosing_body(node)
        if block is None:
            continue
        index = next(i for i, s in enumerate(block[2]) if s is node)
        found |= {id(s) for s in block[2][max(0, index - 2): index + 3]}
    return found


def _is_reset(site: Site, stmt: ast.stmt) -> bool:
    """An assignment of a fresh value: ``x = []``, ``total = Decimal("0")``, ``a, b = [], 0``."""
    local = set(site.local_names) - set(site.module_names)
    return isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None and not (
        reads(stmt.value) & local)


#: Methods that return a new value and leave their receiver as it was (strings, sets, dates,
#: copies): a statement that calls one and keeps nothing has lost its result.
_PURE_METHODS = frozenset({
    "strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "casefold",
    "swapcase", "replace", "removeprefix", "removesuffix", "zfill", "ljust", "rjust", "center",
    "expandtabs", "format", "join", "split", "rsplit", "splitlines", "encode", "decode",
    "union", "intersection", "difference", "symmetric_difference", "copy", "astimezone",
    "normalize", "quantize", "with_suffix", "with_name", "resolve", "absolute"})
#: Built-in functions that return a new value and change none of their arguments.
_PURE_FUNCTIONS = frozenset({"sorted", "reversed", "list", "tuple", "set", "frozenset", "dict",
                             "abs", "round", "int", "float", "str", "bool", "min", "max",
                             "sum", "len", "map", "filter", "zip", "enumerate"})
_ASSIGNABLE = (ast.Name, ast.Attribute, ast.Subscript)


def _returns_value(fn: ast.AST) -> bool:
    return any(isinstance(n, ast.Return) and n.value is not None for n in walk_scope(fn))


def keep_result(site: Site) -> Iterator[Mutation]:
    """A statement that computes a value and throws it away: ``name.strip()`` → ``name =
    name.strip()``, ``sorted(xs)`` → ``xs = sorted(xs)`` (and ``f(x)`` → ``x = f(x)`` for a
    function of the module that returns a value), then ``return`` of it."""
    stmt = site.statement
    if not isinstance(stmt, ast.Expr) or not isinstance(stmt.value, ast.Call) or (
            not site.owns_lines(stmt)):
        return
    call, func = stmt.value, stmt.value.func
    local = {n.name: n for n in site.tree.body
             if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    target: ast.expr | None = None
    if isinstance(func, ast.Attribute) and func.attr in _PURE_METHODS:
        target = func.value
    elif isinstance(func, ast.Name) and call.args and (
            (func.id in _PURE_FUNCTIONS and func.id not in site.module_names)
            or (func.id in local and _returns_value(local[func.id]))):
        target = call.args[0]
    text = site.text(call)
    options = [f"{site.text(target)} = {text}"] if isinstance(target, _ASSIGNABLE) else []
    options += [f"return {text}"] if site.function is not None else []
    for rank, new in enumerate(options):
        yield replace(site, stmt, new, "kept result", rank)
