"""Guards against None or empty input: ``if x is None:`` before a use that raised about
``NoneType``, and ``if not <param>: return <default>`` at the top of a function (the "add a
null check" repairs of PAR, TBar and SapFix).

Also the helpers shared with :mod:`.exception_fixes`: the failure raised
at a site, the default a function or a use of a value calls for, and a new
``if <condition>: <exit>`` block before a statement.
"""
from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from itertools import islice

from homeostasis.core.records import Failure
from homeostasis.propose.templates.mutations import BOUNDARY, STRUCTURE, Mutation
from homeostasis.propose.templates.site import BUILTIN_NAMES, Site, SiteTemplate

#: Mutations per site, at most, for each template.
CAP = 6
#: Early-return guards per site, at most (they need no matching exception).
EARLY_CAP = 2
_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_TYPE_DEFAULTS = {
    "int": "0", "float": "0.0", "str": '""', "bytes": 'b""', "bool": "False", "list": "[]",
    "List": "[]", "Sequence": "[]", "Iterable": "[]", "dict": "{}", "Dict": "{}",
    "Mapping": "{}", "set": "set()", "Set": "set()", "frozenset": "frozenset()", "tuple": "()",
    "Tuple": "()", "None": "None", "Optional": "None",
}
_BARE = (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.Constant, ast.List, ast.Tuple,
         ast.Dict, ast.Set, ast.BinOp, ast.UnaryOp, ast.JoinedStr)
_EMPTIES = ("[]", "()", "{}", "set()", "dict()", "list()")
_NEWLINE = re.compile(r"\r\n|\r|\n")


# ── shared helpers ──────────────────────────────────────────────────────────────────────────


def exc_name(failure: Failure) -> str:
    """The bare class name of what a failure raised (``builtins.KeyError`` → ``KeyError``)."""
    return failure.exc_type.rsplit(".", 1)[-1]


def raised(site: Site, *names: str) -> Failure | None:
    """The failure raised at this very line when its class is one of ``names``, else None."""
    failure = site.exception
    return failure if failure is not None and exc_name(failure) in names else None


def operand(site: Site, node: ast.expr) -> str:
    """The text of ``node``, parenthesized unless it is safe next to a comparison operator."""
    text = site.text(node)
    return text if isinstance(node, _BARE) or text.startswith("(") else f"({text})"


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


_ITERATING = frozenset(("len", "sorted", "list", "set", "tuple", "sum", "any", "all", "iter",
                        "enumerate", "reversed", "zip", "dict", "frozenset"))
_STR_METHODS = frozenset(("lower", "upper", "strip", "lstrip", "rstrip", "split", "startswith",
                          "endswith", "replace", "format", "encode", "title", "casefold"))
_LIST_METHODS = frozenset(("append", "extend", "insert", "pop", "remove", "sort", "index"))
_DICT_METHODS = frozenset(("items", "keys", "values", "get", "setdefault", "update"))


def is_str(node: ast.AST) -> bool:
    """Whether ``node`` is a string literal or an f-string."""
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str))


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


def statement_at(site: Site) -> ast.stmt | None:
    """The innermost statement whose own lines (not its block) hold the suspect line."""
    line, found = site.suspect.line, site.statement
    if found is not None:
        return found
    for node in ast.walk(site.tree):
        if isinstance(node, ast.stmt) and node.lineno <= line <= (node.end_lineno or 0):
            inner = [c.lineno for c in ast.iter_child_nodes(node) if isinstance(c, ast.stmt)]
            if not inner or line < min(inner):
                found = node
    return found


def in_loop(site: Site, node: ast.AST) -> bool:
    """Whether ``node`` is in the body of a loop within its function."""
    child, parent = node, site.parents.get(id(node))
    while parent is not None and not isinstance(parent, _SCOPES):
        if isinstance(parent, _LOOPS) and any(s is child for s in parent.body):
            return True
        child, parent = parent, site.parents.get(id(parent))
    return False


def exits(site: Site, stmt: ast.stmt) -> list[str]:
    """Ways to leave early before ``stmt``: ``continue`` in a loop, ``return`` of the
    function's default (:func:`return_default`) in a function."""
    found = ["continue"] if in_loop(site, stmt) else []
    return found + ([f"return {return_default(site)}"] if site.function is not None else [])


def _indent_unit(site: Site) -> str:
    fn = site.function
    if fn is not None:
        outer, inner = site.indentation(fn.lineno), site.indentation(fn.body[0].lineno)
        if inner.startswith(outer) and len(inner) > len(outer):
            return inner[len(outer):]
    return "    "


def insert_guard(site: Site, stmt: ast.stmt, condition: str, action: str, family: str,
                 tier: int = BOUNDARY, rank: int = 0) -> Mutation | None:
    """``if <condition>: <action>`` as a new block just before ``stmt``, or None when no block
    can go there (``stmt`` is an ``elif``, or shares its line with another statement)."""
    line = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", []))])
    start, end = site.line_span(line, line)
    indent = site.indentation(line)
    text = site.source.text[start:end]
    if text.lstrip().startswith("elif") or (line == stmt.lineno
                                            and len(indent) != stmt.col_offset):
        return None
    match = _NEWLINE.search(text) or _NEWLINE.search(site.source.text)
    nl = match.group() if match else "\n"
    block = f"{indent}if {condition}:{nl}{indent}{_indent_unit(site)}{action}{nl}"
    return Mutation(start, start, block, family, tier, (start, end), rank)


def guards(site: Site, stmt: ast.stmt, condition: str, family: str) -> Iterator[Mutation]:
    """:func:`insert_guard` before ``stmt`` with each of the :func:`exits` (tier BOUNDARY)."""
    for rank, action in enumerate(exits(site, stmt)):
        mutation = insert_guard(site, stmt, condition, action, family, rank=rank)
        if mutation is not None:
            yield mutation


def replace(site: Site, node: ast.expr | ast.stmt, new: str, family: str, rank: int = 0,
            tier: int = BOUNDARY) -> Mutation:
    """Replace the whole of ``node`` by ``new``."""
    start, end = site.source.span(node)
    return Mutation(start, end, new, family, tier, (start, end), rank)


def conditional(site: Site, node: ast.expr, text: str) -> str:
    """A conditional expression ``text`` in place of ``node``, parenthesized unless ``node``
    is a statement's whole value."""
    parent = site.parents.get(id(node))
    whole = isinstance(parent, (ast.Return, ast.Assign, ast.AnnAssign, ast.Expr))
    return text if whole else f"({text})"


# ── templates ───────────────────────────────────────────────────────────────────────────────


_NONE_USES = (
    (re.compile(r"'NoneType' object has no attribute '(\w+)'"), ast.Attribute, "value"),
    (re.compile(r"'NoneType' object is not subscriptable"), ast.Subscript, "value"),
    (re.compile(r"'NoneType' object is not callable"), ast.Call, "func"),
)


def project_exceptions(site: Site) -> list[str]:
    """Names of project exception classes usable in the module, most used first: those it
    raises or catches elsewhere, then those it defines or imports by an exception-like name."""
    used: list[str] = []
    for node in ast.walk(site.tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            used += [exc.id] if isinstance(exc, ast.Name) else []
        elif isinstance(node, ast.ExceptHandler) and node.type is not None:
            used += [n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)]
    kinds = ("Error", "Exception", "Warning")
    defined = [c.name for c in site.tree.body if isinstance(c, ast.ClassDef)
               and any(site.text(b).endswith(kinds) for b in c.bases)]
    named = [n for n in site.module_names if n.endswith(kinds)]
    return [n for n in dict.fromkeys(used + defined + named)
            if n in site.module_names and n not in BUILTIN_NAMES]


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
        parent = site.parents.get(id(node))
        callee = isinstance(parent, ast.Call) and parent.func is node
        if callee or not isinstance(node, ast.expr) or not isinstance(
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
    failure = raised(site, "AttributeError", "TypeError")
    stmt = statement_at(site)
    if failure is None or "NoneType" not in failure.message or stmt is None:
        return
    errors = project_exceptions(site)[:1]
    found: list[Mutation] = []
    suspects = [n for n in _none_suspects(site, failure.message)
                if isinstance(n, (ast.Name, ast.Attribute))]
    for text in list(dict.fromkeys(site.text(n) for n in suspects))[:2]:
        found += guards(site, stmt, f"{text} is None", "None guard")
        for error in errors:
            mutation = insert_guard(site, stmt, f"{text} is None",
                                    f'raise {error}("{text} is missing")', "None guard", rank=5)
            found += [mutation] if mutation else []
    yield from islice(found, CAP)


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
            and not (isinstance(parent, ast.Call) and parent.func is node))


def early_return(site: Site) -> Iterator[Mutation]:
    """A function that does not handle empty or None input: ``if not <p>: return <default>``
    at its top, for a parameter ``p`` (or ``self.<attr>``) used on the suspect line."""
    fn = site.function
    if fn is None or site.suspect.line < fn.body[0].lineno:
        return
    params = {a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)}
    nodes = [n for n in site.nodes() if isinstance(n, ast.expr) and _is_input(site, n, params)]
    used = [site.text(n) for n in sorted(nodes, key=lambda n: (n.lineno, n.col_offset))]
    body = fn.body
    first = body[1] if len(body) > 1 and isinstance(body[0], ast.Expr) and is_str(
        body[0].value) else body[0]
    guarded = {site.text(s.test) for s in body if isinstance(s, ast.If)}
    count = 0
    for text in dict.fromkeys(used):
        if f"not {text}" in guarded or count >= EARLY_CAP or first.lineno > site.suspect.line:
            continue
        mutation = insert_guard(site, first, f"not {text}", f"return {return_default(site)}",
                                "early return", STRUCTURE)
        if mutation is not None:
            count += 1
            yield mutation


#: The guard templates, in the order the lead wires them.
GUARD_TEMPLATES: tuple[SiteTemplate, ...] = (none_guard, early_return)
