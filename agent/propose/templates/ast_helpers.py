"""The helpers the templates share: tokens between nodes, what a statement reads and writes,
the names bound at a node, the empty value that fits a use, and the builders of the usual
edits (replace a node, insert a guard, insert whole lines).

Questions about the suspect site itself (its statement, the loops around it, the file's
indentation) are properties of :class:`~homeostasis.propose.templates.site.Site`.
"""

from __future__ import annotations

import ast
import re
from collections import deque
from collections.abc import Iterator

from homeostasis.core.records import Failure
from homeostasis.propose.templates.mutations import NEWLINE, Mutation, Source
from homeostasis.propose.templates.site import LOOPS, SCOPES, Site

# ── tokens and operands ─────────────────────────────────────────────────────────────────────

_COMMENT = re.compile(r"#[^\r\n]*")
_DID_NOT_RAISE = re.compile(r"DID NOT RAISE (?:<class ')?([\w.]+)")
CMP_TOKEN = re.compile(r"\bnot\s+in\b|\bis\s+not\b|\bin\b|\bis\b|<=|>=|==|!=|<|>")
ARITH_TOKEN = re.compile(r"\*\*|//|<<|>>|[-+*/%@&|^]")
ARITH_OPS: dict[type[ast.AST], str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
}
#: Expressions that need no parentheses around them as an operand.
ATOMS = (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.Constant, ast.List, ast.Tuple,
         ast.Dict, ast.Set, ast.JoinedStr, ast.ListComp, ast.SetComp, ast.DictComp,
         ast.GeneratorExp)


def token_between(
    src: Source, left: ast.expr, right: ast.expr, pattern: re.Pattern[str]
) -> tuple[int, int, str] | None:
    """The operator token between two sibling nodes (ignoring parentheses and comments)."""
    lo, hi = src.span(left)[1], src.span(right)[0]
    gap = _COMMENT.sub(lambda m: " " * len(m.group()), src.text[lo:hi])
    match = pattern.search(gap)
    if match is None:
        return None
    return lo + match.start(), lo + match.end(), " ".join(match.group().split())


def binds_tighter_than_plus(node: ast.AST) -> bool:
    """True when ``<node> + 1`` still adds one to the whole of ``node``."""
    if isinstance(node, ast.BinOp):
        return isinstance(node.op, (*ARITH_OPS, ast.Pow, ast.MatMult))
    if isinstance(node, ast.UnaryOp):
        return not isinstance(node.op, ast.Not)
    return isinstance(node, ATOMS)


def parenthesized(site: Site, node: ast.expr) -> str:
    """The text of ``node``, in parentheses unless it is an atom (a name, a call, a literal…)."""
    text = site.text(node)
    return text if isinstance(node, ATOMS) else f"({text})"


def is_str(node: ast.AST) -> bool:
    """Whether ``node`` is a string literal or an f-string."""
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str))


def exception_name(failure: Failure) -> str:
    """The bare class name of what a failure raised (``builtins.KeyError`` → ``KeyError``)."""
    return failure.exc_type.rsplit(".", 1)[-1]


# ── calls ───────────────────────────────────────────────────────────────────────────────────


def expected_exceptions(site: Site) -> list[str]:
    """Exception classes a failing test expected and did not get (``pytest.raises``)."""
    return [m.group(1).rsplit(".", 1)[-1] for f in site.failures
            for m in _DID_NOT_RAISE.finditer(f.message)]


def parameters(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    """The names of a function's parameters, ``*args`` and ``**kwargs`` aside."""
    return [a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)]


def indented(site: Site, lines: str) -> str:
    """``lines`` indented one level deeper (blank lines left as they are)."""
    unit = site.indent_unit
    return "".join(unit + x if x.strip() else x for x in lines.splitlines(keepends=True))


def call_name(node: ast.AST) -> str:
    """The name called or read: ``f`` of ``f(...)``, ``m`` of ``x.m(...)``, ``a`` of ``x.a``."""
    node = node.func if isinstance(node, ast.Call) else node
    return node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")


def method_call(node: ast.AST, *names: str) -> tuple[ast.Call, ast.expr, str] | None:
    """(call, receiver, method name) when ``node`` calls a method named one of ``names``."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in names):
        return node, node.func.value, node.func.attr
    return None


def name_span(site: Site, node: ast.expr, name: str) -> tuple[int, int]:
    """The span of the trailing ``name`` of ``node`` (the method of ``x.name(...)``)."""
    end = site.source.span(node.func if isinstance(node, ast.Call) else node)[1]
    return end - len(name), end


# ── what statements read and write ──────────────────────────────────────────────────────────

#: Statements never deleted, moved or copied.
FIXED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom,
         ast.Global, ast.Nonlocal, ast.Pass)
#: Statements after which nothing in the same block runs.
JUMPS = (ast.Return, ast.Raise, ast.Break, ast.Continue)
#: Methods that change their receiver in place.
MUTATORS = frozenset({"append", "extend", "insert", "add", "update", "pop", "remove", "clear",
                      "discard", "sort", "reverse", "setdefault", "appendleft", "popleft"})


def walk_scope(node: ast.AST) -> Iterator[ast.AST]:
    """``node`` and the nodes under it, breadth first, not entering nested functions, classes
    or lambdas."""
    todo = deque([node])
    while todo:
        current = todo.popleft()
        yield current
        todo.extend(c for c in ast.iter_child_nodes(current) if not isinstance(c, SCOPES))


def key(node: ast.AST) -> str | None:
    """``name`` for a variable, ``self.attr`` for an attribute of ``self``, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id == "self"):
        return f"self.{node.attr}"
    return None


def _root(node: ast.AST) -> str | None:
    """The variable a target such as ``x[i]``, ``self.a.b`` or ``obj.attr`` belongs to."""
    while key(node) is None and isinstance(node, (ast.Subscript, ast.Attribute)):
        node = node.value
    return key(node)


def writes(node: ast.AST) -> set[str]:
    """The variables and ``self`` attributes a node assigns, updates or mutates in place."""
    nodes = list(walk_scope(node))
    loop_vars = {id(t) for n in nodes if isinstance(n, ast.comprehension)
                 for t in ast.walk(n.target)}
    found: set[str | None] = set()
    for n in nodes:
        if (isinstance(n, (ast.Name, ast.Attribute, ast.Subscript))
                and isinstance(n.ctx, ast.Store) and id(n) not in loop_vars):
            found.add(_root(n))
        elif (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
              and n.func.attr in MUTATORS):
            found.add(_root(n.func.value))
    return {k for k in found if k is not None}


def reads(node: ast.AST) -> set[str]:
    """The variables and ``self`` attributes a node reads."""
    return {k for n in walk_scope(node) if isinstance(getattr(n, "ctx", None), ast.Load)
            and (k := key(n)) is not None}


def header(stmt: ast.stmt) -> list[ast.AST]:
    """A statement's own parts: all of a simple statement, the header of a compound one."""
    return [c for c in ast.iter_child_nodes(stmt)
            if not isinstance(c, (ast.stmt, ast.excepthandler, ast.match_case))]


def contains(outer: ast.AST, inner: ast.AST) -> bool:
    """Whether ``inner`` is ``outer`` or a node under it."""
    return any(n is inner for n in ast.walk(outer))


_FAR = 10_000  # distance penalty of a name only bound later in an enclosing loop
RECEIVERS = ("self", "cls")
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def bound_names(site: Site, node: ast.expr) -> dict[str, int]:
    """The enclosing function's local names that may hold a value where ``node`` is, each with
    its distance in lines to the nearest line that mentions it: parameters, names assigned on
    an earlier line or by a comprehension around ``node``, then (far behind) names assigned
    later inside a loop around ``node``. ``self``/``cls`` are left out."""
    fn = site.function
    if fn is None:
        return {}
    line = node.lineno
    ancestors = list(site.ancestors(node))
    loops = [a for a in ancestors if isinstance(a, LOOPS)]
    comprehension = {id(n) for c in ast.walk(fn) if isinstance(c, ast.comprehension)
                     for n in ast.walk(c.target)}
    args = fn.args
    bound = {a.arg: 0 for a in (*args.posonlyargs, *args.args, *args.kwonlyargs,
                                args.vararg, args.kwarg) if a is not None}
    bound.update({n.id: 0 for a in ancestors if isinstance(a, _COMPREHENSIONS)
                  for g in a.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)})
    mentions: dict[str, list[int]] = {}
    for n in ast.walk(fn):
        if not isinstance(n, ast.Name):
            continue
        mentions.setdefault(n.id, []).append(n.lineno)
        if not isinstance(n.ctx, ast.Store) or id(n) in comprehension:
            continue
        if n.lineno < line:
            bound[n.id] = 0
        elif any(lp.lineno <= n.lineno <= (lp.end_lineno or lp.lineno) for lp in loops):
            bound.setdefault(n.id, _FAR)
    return {name: penalty + min(abs(at - line) for at in mentions.get(name, [fn.lineno]))
            for name, penalty in bound.items() if name not in RECEIVERS}


# ── empty values ────────────────────────────────────────────────────────────────────────────

_TYPE_DEFAULTS = {
    "int": "0", "float": "0.0", "str": '""', "bytes": 'b""', "bool": "False", "list": "[]",
    "List": "[]", "Sequence": "[]", "Iterable": "[]", "dict": "{}", "Dict": "{}",
    "Mapping": "{}", "set": "set()", "Set": "set()", "frozenset": "frozenset()", "tuple": "()",
    "Tuple": "()", "None": "None", "Optional": "None",
}
_EMPTIES = ("[]", "()", "{}", "set()", "dict()", "list()")
_ITERATING = frozenset(("len", "sorted", "list", "set", "tuple", "sum", "any", "all", "iter",
                        "enumerate", "reversed", "zip", "dict", "frozenset"))
_STR_METHODS = frozenset(("lower", "upper", "strip", "lstrip", "rstrip", "split", "startswith",
                          "endswith", "replace", "format", "encode", "title", "casefold"))
_LIST_METHODS = frozenset(("append", "extend", "insert", "pop", "remove", "sort", "index"))
_DICT_METHODS = frozenset(("items", "keys", "values", "get", "setdefault", "update"))


def _default_of(annotation: ast.expr) -> str | None:
    """The empty value of a return annotation (``int`` → ``0``, ``X | None`` → ``None``)."""
    if isinstance(annotation, ast.BinOp):  # X | Y: None if optional, else X's default
        parts = (annotation.left, annotation.right)
        optional = any(isinstance(p, ast.Constant) and p.value is None for p in parts)
        return "None" if optional else _default_of(annotation.left)
    if isinstance(annotation, ast.Subscript):
        return _default_of(annotation.value)
    name = getattr(annotation, "id", getattr(annotation, "attr", None))
    if isinstance(annotation, ast.Constant) and annotation.value is None:
        name = "None"
    return _TYPE_DEFAULTS.get(name) if isinstance(name, str) else None


def return_default(site: Site) -> str:
    """What the enclosing function should return when there is nothing to compute: the empty
    value of its return annotation, else a literal it returns elsewhere, else ``None``."""
    fn = site.function
    if fn is None:
        return "None"
    found = None if fn.returns is None else _default_of(fn.returns)
    if found is not None:
        return found
    for node in ast.walk(fn):
        if isinstance(node, ast.Return) and node.value is not None and (
                isinstance(node.value, ast.Constant) or site.text(node.value) in _EMPTIES):
            return site.text(node.value)
    return "None"


def use_default(site: Site, node: ast.expr) -> str:
    """An empty value that fits where ``node`` is used: ``0`` in arithmetic, ``""`` next to
    strings or under a string method, ``[]`` where it is iterated, ``{}`` under a mapping
    method, the function's default when returned, else ``None``."""
    parent = site.parents.get(id(node))
    if isinstance(parent, ast.BinOp):
        other = parent.right if parent.left is node else parent.left
        return '""' if is_str(other) else "0"
    if isinstance(parent, (ast.AugAssign, ast.UnaryOp)) and not isinstance(parent.op, ast.Not):
        return "0"
    if isinstance(parent, (ast.For, ast.AsyncFor, ast.comprehension)) and parent.iter is node:
        return "[]"
    if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and (
            parent.func.id in _ITERATING and any(a is node for a in parent.args)):
        return "[]"
    if isinstance(parent, ast.Compare) and any(c is node for c in parent.comparators):
        return "()" if isinstance(parent.ops[0], (ast.In, ast.NotIn)) else "0"
    if isinstance(parent, ast.Attribute):
        for methods, value in ((_STR_METHODS, '""'), (_LIST_METHODS, "[]"),
                               (_DICT_METHODS, "{}")):
            if parent.attr in methods:
                return value
    if isinstance(parent, ast.Return):
        return return_default(site)
    return "None"


# ── edits ───────────────────────────────────────────────────────────────────────────────────


def replace(site: Site, node: ast.expr | ast.stmt, new: str, label: str, rank: int = 0,
            tier: int | None = None) -> Mutation:
    """Replace the whole of ``node`` by ``new``."""
    start, end = site.source.span(node)
    return Mutation(start, end, new, label, (start, end), rank, tier)


def insert_guard(site: Site, stmt: ast.stmt, condition: str, action: str, label: str,
                 rank: int = 0) -> Mutation | None:
    """``if <condition>: <action>`` as a new block just before ``stmt``, or None when no block
    can go there (``stmt`` is an ``elif``, or shares its line with another statement)."""
    line = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", []))])
    start, end = site.line_span(line, line)
    indent = site.indentation(line)
    text = site.source.text[start:end]
    if text.lstrip().startswith("elif") or (line == stmt.lineno
                                            and len(indent) != stmt.col_offset):
        return None
    match = NEWLINE.search(text) or NEWLINE.search(site.source.text)
    nl = match.group() if match else "\n"
    block = f"{indent}if {condition}:{nl}{indent}{site.indent_unit}{action}{nl}"
    return Mutation(start, start, block, label, (start, end), rank)


def exits(site: Site, stmt: ast.stmt) -> list[str]:
    """Ways to leave early before ``stmt``: ``continue`` in a loop, ``return`` of the
    function's default (:func:`return_default`) in a function."""
    found = ["continue"] if site.in_loop_body(stmt) else []
    return found + ([f"return {return_default(site)}"] if site.function is not None else [])


def guards(site: Site, stmt: ast.stmt, condition: str, label: str) -> Iterator[Mutation]:
    """:func:`insert_guard` before ``stmt`` with each of the :func:`exits`."""
    for rank, action in enumerate(exits(site, stmt)):
        mutation = insert_guard(site, stmt, condition, action, label, rank=rank)
        if mutation is not None:
            yield mutation


def insertion(site: Site, line: int, indent: str, body: str, anchor: ast.stmt, label: str,
              rank: int, tier: int | None = None) -> Mutation:
    """Insert ``body`` (``\\n``-separated lines, unindented) as whole lines before ``line``,
    indented by ``indent``; the description quotes it together with ``anchor``."""
    nl, text = site.newline, site.source.text
    at = site.source.line_start(line)
    block = nl.join(indent + x if x.strip() else x for x in body.split("\n")) + nl
    if at == len(text) and text and not text.endswith(("\n", "\r")):
        block = nl + block[: -len(nl)]
    lo, hi = site.line_span(anchor.lineno, anchor.end_lineno or anchor.lineno)
    return Mutation(at, at, block, label, (min(lo, at), max(hi, at)), rank, tier)
