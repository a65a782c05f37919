"""One container shared where copies were meant: a mutable default argument, nested lists
that alias one row, a collection changed while it is iterated, internal state handed out (or
a caller's container kept) without a copy."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from homeostasis.propose.templates.ast_helpers import (
    call_name,
    is_str,
    method_call,
    replace,
    walk_scope,
)
from homeostasis.propose.templates.mutations import BOUNDARY, OPERATOR, Mutation
from homeostasis.propose.templates.site import FunctionNode, Site

_CONTAINERS = {ast.List: "list", ast.ListComp: "list", ast.Dict: "dict", ast.DictComp: "dict",
               ast.Set: "set", ast.SetComp: "set"}
_MUTATING = frozenset({"remove", "pop", "discard", "clear", "popitem", "append", "insert",
                       "extend", "add", "update", "setdefault"})


def _kind(node: ast.expr | None) -> str | None:
    """``list``/``dict``/``set`` when ``node`` builds (or annotates) a fresh container."""
    if isinstance(node, ast.Subscript):
        node = node.value
    if isinstance(node, ast.Call) and not node.args:
        node = node.func
    name = node.id.lower() if isinstance(node, ast.Name) else ""
    return _CONTAINERS.get(type(node)) or (name if name in ("list", "dict", "set") else None)


def _defaults(fn: FunctionNode) -> Iterator[tuple[ast.arg, ast.expr]]:
    """Each parameter of ``fn`` that has a default, with that default."""
    positional = [*fn.args.posonlyargs, *fn.args.args]
    yield from zip(positional[len(positional) - len(fn.args.defaults):], fn.args.defaults,
                   strict=True)
    yield from ((a, d) for a, d in zip(fn.args.kwonlyargs, fn.args.kw_defaults, strict=True)
                if d is not None)


def mutable_default(site: Site) -> Iterator[Mutation]:
    """A mutable default argument shared by every call (``def f(x=[])``): ``x=None`` and
    ``if x is None: x = []`` first in the body, after a docstring (``x: T`` → ``x: T | None``);
    a dataclass field ``x: list = []`` → ``field(default_factory=list)`` if ``field`` is
    imported."""
    fn, text, nl = site.function, site.source.text, site.newline
    first = fn.body[0] if fn else None
    if fn is not None and first is not None and first.lineno > fn.lineno:
        docstring = isinstance(first, ast.Expr) and is_str(first.value)
        at = site.source.line_start((first.end_lineno or 0) + 1 if docstring else first.lineno)
        indent = site.indentation(first.lineno)
        for rank, (arg, default) in enumerate(_defaults(fn)):
            if not _kind(default) or isinstance(default, ast.Subscript):
                continue
            lo, hi = site.source.span(default)
            head, note = "", arg.annotation
            if note is not None and not is_str(note) and "None" not in site.text(note):
                lo, head = site.source.span(note)[0], site.text(note) + " | None" + text[
                    site.source.span(note)[1] : lo]
            block = f"{indent}if {arg.arg} is None:{nl}{indent}{site.indent_unit}{arg.arg} = "
            new = f"{head}None{text[hi:at]}{block}{site.text(default)}{nl}"
            yield Mutation(lo, at, new, "mutable default", (lo, at), rank)
    alias = site.module_alias("dataclasses")
    field = "field" if "field" in site.module_names else alias and f"{alias}.field"
    for node in site.nodes():
        cls = site.parents.get(id(node))
        if (isinstance(node, ast.AnnAssign) and field and (kind := _kind(node.value))
                and node.value and isinstance(cls, ast.ClassDef)
                and any("dataclass" in site.text(d) for d in cls.decorator_list)):
            empty = isinstance(node.value, ast.Call) or not any(
                isinstance(c, ast.expr) for c in ast.iter_child_nodes(node.value))
            factory = kind if empty else f"lambda: {site.text(node.value)}"
            yield replace(site, node.value, f"{field}(default_factory={factory})",
                          "mutable default")


def aliased_rows(site: Site) -> Iterator[Mutation]:
    """``[[v] * n] * m`` repeats one inner list m times: ``[[v] * n for _ in range(m)]``
    (also ``[[]] * m``, ``[{}] * m``)."""
    for node in site.nodes():
        if not isinstance(node, ast.BinOp) or not isinstance(node.op, ast.Mult):
            continue
        for row, count in ((node.left, node.right), (node.right, node.left)):
            elt = row.elts[0] if isinstance(row, ast.List) and len(row.elts) == 1 else None
            repeated = isinstance(elt, ast.BinOp) and isinstance(elt.op, ast.Mult)
            if elt and (_kind(elt) or repeated):
                new = f"[{site.text(elt)} for _ in range({site.text(count)})]"
                yield replace(site, node, new, "aliased rows")


def _changes(loop: ast.For | ast.AsyncFor, target: ast.expr) -> bool:
    """Whether the body of ``loop`` adds to, removes from or deletes items of ``target``."""
    key = ast.dump(target)
    return any((isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                and n.func.attr in _MUTATING and ast.dump(n.func.value) == key)
               or (isinstance(n, ast.Delete) and any(isinstance(t, ast.Subscript)
                                                     and ast.dump(t.value) == key
                                                     for t in n.targets))
               for stmt in loop.body for n in walk_scope(stmt))


def iterate_copy(site: Site) -> Iterator[Mutation]:
    """A collection changed inside a loop over it (``for x in xs: xs.remove(x)`` skips items,
    a dict raises): ``for x in list(xs):`` — tier BOUNDARY for a loop around the suspect line,
    OPERATOR for another loop of its function."""
    found: list[tuple[int, Mutation]] = []
    for loop in walk_scope(site.function or site.tree):
        if not isinstance(loop, (ast.For, ast.AsyncFor)):
            continue
        view = method_call(loop.iter, "items", "keys", "values")
        target = view[1] if view and not view[0].args else loop.iter
        if isinstance(target, (ast.Name, ast.Attribute)) and _changes(loop, target):
            inside = loop.lineno <= site.suspect.line <= (loop.end_lineno or 0)
            tier = BOUNDARY if inside else OPERATOR
            found.append((tier, replace(site, loop.iter, f"list({site.text(loop.iter)})",
                                        "iterate a copy", 0, tier)))
    yield from (m for _, m in sorted(found, key=lambda f: f[0]))


def _container_attrs(site: Site) -> dict[str, str]:
    """``self`` attributes assigned (or annotated as) a fresh list, dict or set: attr → kind."""
    kinds: dict[str, str] = {}
    for node in ast.walk(site.tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            kind = _kind(node.value) or _kind(getattr(node, "annotation", None))
            kinds.update({t.attr: kind for t in targets if kind and isinstance(t, ast.Attribute)
                          and call_name(t.value) == "self"})
    return kinds


def defensive_copy(site: Site) -> Iterator[Mutation]:
    """Internal state handed out (``return self._items``) or a caller's container kept
    (``self.items = items``) without a copy, so a change on one side shows on the other:
    ``list(...)``/``dict(...)``/``set(...)``, then ``.copy()``."""
    attrs, fn = _container_attrs(site), site.function
    args = [*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs] if fn else []
    params = {a.arg: kind for a in args if a.annotation and (kind := _kind(a.annotation))
              and "None" not in site.text(a.annotation)}
    for node in site.nodes():
        value = node.value if isinstance(node, (ast.Return, ast.Assign)) else None
        kind = None
        if isinstance(value, ast.Attribute) and call_name(value.value) == "self":
            returns = fn.returns if fn and isinstance(node, ast.Return) else None
            kind = attrs.get(value.attr) or _kind(returns)
        elif isinstance(node, ast.Assign) and isinstance(value, ast.Name):
            kind = params.get(value.id)
        if kind and value is not None:
            yield replace(site, value, f"{kind}({site.text(value)})", "copy")
            yield replace(site, value, f"{site.text(value)}.copy()", "copy", 1)
