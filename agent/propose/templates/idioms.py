"""Python idiom and API-misuse templates, as a linter or a reviewer suggests them: floor for
ceiling division, the sort order, mutable defaults, aliased nested lists, a collection changed
while it is iterated, internal state shared without a copy, an ``except Exception`` that
swallows too much and a cleanup that an exception skips.

Each template yields at most :data:`CAP` mutations per site, likeliest first. :data:`TEMPLATES`
also holds those of :mod:`homeostasis.propose.templates.string_fixes`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from homeostasis.propose.templates import mutations, string_fixes
from homeostasis.propose.templates.input_guards import CAP, _indent_unit, is_str, replace
from homeostasis.propose.templates.mutations import BOUNDARY, OPERATOR, STRUCTURE, Mutation
from homeostasis.propose.templates.site import BUILTIN_NAMES, FunctionNode, Site, SiteTemplate
from homeostasis.propose.templates.statement_edits import newline, walk_scope
from homeostasis.propose.templates.string_fixes import call_name, capped, module_alias

_CONTAINERS = {ast.List: "list", ast.ListComp: "list", ast.Dict: "dict", ast.DictComp: "dict",
               ast.Set: "set", ast.SetComp: "set"}
_MUTATING = frozenset({"remove", "pop", "discard", "clear", "popitem", "append", "insert",
                       "extend", "add", "update", "setdefault"})
_CLEANUP = frozenset({"release", "close", "unlock", "disconnect", "shutdown", "cleanup"})
_FILES = ("FileNotFoundError", "OSError")
_RAISERS = {"open": _FILES, "read_text": _FILES, "read_bytes": _FILES, "write_text": _FILES,
            "stat": _FILES, "unlink": _FILES, "iterdir": _FILES, "mkdir": _FILES,
            "int": ("ValueError",), "float": ("ValueError",), "fromisoformat": ("ValueError",),
            "strptime": ("ValueError",), "index": ("ValueError",), "next": ("StopIteration",),
            "getattr": ("AttributeError",), "import_module": ("ImportError",)}


def _kind(node: ast.expr | None) -> str | None:
    """``list``/``dict``/``set`` when ``node`` builds (or annotates) a fresh container."""
    if isinstance(node, ast.Subscript):
        node = node.value
    if isinstance(node, ast.Call) and not node.args:
        node = node.func
    name = node.id.lower() if isinstance(node, ast.Name) else ""
    return _CONTAINERS.get(type(node)) or (name if name in ("list", "dict", "set") else None)


@capped
def ceil_division(site: Site) -> Iterator[Mutation]:
    """Floor division where the ceiling was meant (pages, boxes, rows): ``a // b`` →
    ``-(-a // b)``, ``(a + b - 1) // b`` and ``math.ceil(a / b)`` when ``math`` is imported
    (``math.ceil(a / b)`` → ``a // b`` is the arithmetic operator's ``/`` → ``//``)."""
    math = module_alias(site, "math")
    for node in site.nodes():
        if not (isinstance(node, ast.BinOp) and isinstance(node.op, ast.FloorDiv)):
            continue
        token = mutations._token_between(site.source, node.left, node.right,
                                          mutations._ARITH_TOKEN)
        start, end = site.source.span(node)
        if token is None:
            continue
        left = site.source.text[start : token[0]].strip()
        right = site.source.text[token[1] : end].strip()
        wrapped = site.source.span(node.left)[0] > start  # the left operand has parentheses
        negated = left if wrapped or isinstance(node.left, mutations._ATOMS) else f"({left})"
        summand = left if wrapped or mutations._binds_tighter_than_plus(node.left) else f"({left})"
        news = [f"-(-{negated} // {right})", f"({summand} + {right} - 1) // {right}"]
        for rank, new in enumerate(news + ([f"{math}.ceil({left} / {right})"] if math else [])):
            yield replace(site, node, new, "ceiling division", rank, OPERATOR)


def _span(site: Site, node: ast.expr | ast.keyword) -> tuple[int, int]:
    """The character span of an expression or a keyword argument."""
    end = site.source.offset(node.end_lineno or node.lineno, node.end_col_offset or 0)
    return site.source.offset(node.lineno, node.col_offset), end


@capped
def toggle_reverse(site: Site) -> Iterator[Mutation]:
    """A sort in the wrong direction: ``reverse=True`` added to ``sorted()``/``.sort()``, or
    removed; ``reverse=flag`` → ``reverse=not flag``."""
    for node in site.nodes():
        if not isinstance(node, ast.Call) or call_name(node) not in ("sorted", "sort"):
            continue
        items: list[ast.expr | ast.keyword] = sorted(
            [*node.args, *node.keywords], key=lambda n: (n.lineno, n.col_offset))
        shown, given = site.source.span(node), [k for k in node.keywords if k.arg == "reverse"]
        if not given:
            lo = hi = _span(site, items[-1])[1] if items else shown[1] - 1
            new = ", reverse=True" if items else "reverse=True"
            if len(items) == 1 and isinstance(items[0], ast.GeneratorExp):  # sorted(x for ...)
                lo, hi = site.source.span(node.func)[1], shown[1]
                new = f"({site.source.text[lo:hi]}, reverse=True)"
            yield Mutation(lo, hi, new, "sort order", OPERATOR, shown)
            continue
        (lo, hi), index = _span(site, given[0]), items.index(given[0])
        if index:
            lo = site.source.text.rindex(",", 0, lo)
        elif len(items) > 1:
            hi = _span(site, items[1])[0]
        yield Mutation(lo, hi, "", "sort order", OPERATOR, shown)
        value = given[0].value
        if not isinstance(value, ast.Constant):
            text = site.text(value)
            text = text if isinstance(value, mutations._ATOMS) else f"({text})"
            yield replace(site, value, f"not {text}", "sort order", 1, OPERATOR)


def _defaults(fn: FunctionNode) -> Iterator[tuple[ast.arg, ast.expr]]:
    """Each parameter of ``fn`` that has a default, with that default."""
    positional = [*fn.args.posonlyargs, *fn.args.args]
    yield from zip(positional[len(positional) - len(fn.args.defaults):], fn.args.defaults,
                   strict=True)
    yield from ((a, d) for a, d in zip(fn.args.kwonlyargs, fn.args.kw_defaults, strict=True)
                if d is not None)


@capped
def mutable_default(site: Site) -> Iterator[Mutation]:
    """A mutable default argument shared by every call (``def f(x=[])``): ``x=None`` and
    ``if x is None: x = []`` first in the body, after a docstring (``x: T`` → ``x: T | None``);
    a dataclass field ``x: list = []`` → ``field(default_factory=list)`` if ``field`` is
    imported."""
    fn, text, nl = site.function, site.source.text, newline(site)
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
            block = f"{indent}if {arg.arg} is None:{nl}{indent}{_indent_unit(site)}{arg.arg} = "
            new = f"{head}None{text[hi:at]}{block}{site.text(default)}{nl}"
            yield Mutation(lo, at, new, "mutable default", STRUCTURE, (lo, at), rank)
    alias = module_alias(site, "dataclasses")
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
                          "mutable default", 0, STRUCTURE)


@capped
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
                yield replace(site, node, new, "aliased rows", 0, OPERATOR)


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
    found = []
    for loop in walk_scope(site.function or site.tree):
        if not isinstance(loop, (ast.For, ast.AsyncFor)):
            continue
        view = string_fixes.method_call(loop.iter, "items", "keys", "values")
        target = view[1] if view and not view[0].args else loop.iter
        if isinstance(target, (ast.Name, ast.Attribute)) and _changes(loop, target):
            inside = loop.lineno <= site.suspect.line <= (loop.end_lineno or 0)
            found.append(replace(site, loop.iter, f"list({site.text(loop.iter)})",
                                 "iterate a copy", 0, BOUNDARY if inside else OPERATOR))
    yield from sorted(found, key=lambda m: m.tier)[:CAP]


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


@capped
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
            yield replace(site, value, f"{kind}({site.text(value)})", "copy", 0, STRUCTURE)
            yield replace(site, value, f"{site.text(value)}.copy()", "copy", 1, STRUCTURE)


def _raisable(site: Site, body: list[ast.stmt]) -> list[str]:
    """The exception classes in scope that statements can raise, in source order: by the
    builtins and methods they call, their subscripts and divisions, ``json`` parsing and the
    ``raise`` statements of the module's functions they call."""
    json, found = module_alias(site, "json"), []
    local = {n.name: n for n in ast.walk(site.tree) if isinstance(n, ast.FunctionDef)}
    for node in sorted((n for s in body for n in walk_scope(s) if isinstance(n, ast.expr)),
                       key=lambda n: (n.lineno, n.col_offset)):
        name = call_name(node) if isinstance(node, ast.Call) else ""
        if json and name in ("load", "loads") and site.text(node).startswith(f"{json}."):
            found += [f"{json}.JSONDecodeError", "ValueError"]
        found += _RAISERS.get(name, ())
        found += [call_name(r.exc) for r in ast.walk(local[name]) if isinstance(r, ast.Raise)
                  and r.exc is not None] if name in local else []
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            found += ["KeyError", "IndexError"]
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Div, ast.FloorDiv, ast.Mod)):
            found.append("ZeroDivisionError")
    scope = BUILTIN_NAMES | set(site.module_names)
    return [e for e in dict.fromkeys(found)
            if e.split(".")[0] in scope and e not in ("Exception", "BaseException")]


@capped
def narrow_except(site: Site) -> Iterator[Mutation]:
    """``except Exception:`` (or a bare ``except:``) that swallows errors it should let
    through, in the innermost ``try`` around the suspect: narrowed to each class the try body
    can raise, first raised first (``FileNotFoundError`` for ``open()``, ``KeyError`` for
    ``d[k]``, ``json.JSONDecodeError``...)."""
    line = site.suspect.line
    tries = [n for n in ast.walk(site.tree)
             if isinstance(n, ast.Try) and n.lineno <= line <= (n.end_lineno or 0)]
    for handler in tries[-1].handlers if tries else []:
        broad = handler.type is None or call_name(handler.type) in ("Exception", "BaseException")
        if not broad or any(isinstance(n, ast.Raise) for n in ast.walk(handler)):
            continue
        at = site.source.offset(handler.lineno, handler.col_offset)
        for rank, name in enumerate(_raisable(site, tries[-1].body)):
            if handler.type is not None:
                yield replace(site, handler.type, name, "narrow except", rank, STRUCTURE)
            else:
                yield Mutation(at, at + len("except"), f"except {name}", "narrow except",
                               STRUCTURE, (at, at + len("except")), rank)


def _guarded(block: list[ast.stmt], i: int) -> tuple[list[ast.stmt], list[ast.stmt]]:
    """The statements of a ``try`` and of its ``finally`` from ``block[i]`` on: a ``yield``
    just before and the rest of the block, or those since the acquisition of what a cleanup
    call ``block[i]`` uses and that call; empty lists when it is neither."""
    before, stmt = block[i - 1], block[i]
    if isinstance(before, ast.Expr) and isinstance(before.value, (ast.Yield, ast.YieldFrom)):
        return [before], block[i:]
    if not (isinstance(stmt, ast.Expr) and call_name(stmt.value) in _CLEANUP):
        return [], []
    used = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name)} - {"self"}
    for k in range(i - 1, -1, -1):
        bound = {n.id for n in ast.walk(block[k]) if isinstance(getattr(n, "ctx", None), ast.Store)
                 and isinstance(n, ast.Name)}
        calls = {call_name(n) for n in ast.walk(block[k]) if isinstance(n, ast.Call)}
        if bound & used or calls & {"acquire", "lock", "open", "connect"}:
            return block[k + 1 : i], [stmt]
    return [], []


@capped
def finally_cleanup(site: Site) -> Iterator[Mutation]:
    """A cleanup that an exception skips (``conn = pool.acquire(); yield conn;
    pool.release(conn)``): ``try: yield conn`` / ``finally: pool.release(conn)`` (the rest of
    the block goes in the ``finally``); likewise the statements between an acquisition and its
    ``release()``/``close()`` call."""
    if site.function is None:
        return
    nl, text = newline(site), site.source.text
    blocks = [b for n in walk_scope(site.function) for b in (getattr(n, f, None) for f in (
        "body", "orelse", "finalbody")) if isinstance(b, list) and b and isinstance(b[0], ast.stmt)]
    for block in blocks:
        for i in range(1, len(block)):
            guarded, tail = _guarded(block, i)
            if not guarded or any(isinstance(n, (ast.Return, ast.Yield)) for s in tail
                                  for n in ast.walk(s)):
                continue
            indent, middle = site.indentation(guarded[0].lineno), site.source.line_start(
                tail[0].lineno)
            lo, hi = site.line_span(guarded[0].lineno, tail[-1].end_lineno or 0)
            new = (f"{indent}try:{nl}{_indented(text[lo:middle], site)}{indent}finally:{nl}"
                   f"{_indented(text[middle:hi], site)}")
            yield Mutation(lo, hi, new, "try/finally", STRUCTURE, (lo, hi))


def _indented(lines: str, site: Site) -> str:
    """``lines`` indented one level deeper."""
    unit = _indent_unit(site)
    return "".join(unit + x if x.strip() else x for x in lines.splitlines(keepends=True))


#: The templates of this module and of :mod:`homeostasis.propose.templates.string_fixes`.
TEMPLATES: tuple[SiteTemplate, ...] = (
    *string_fixes.TEMPLATES, ceil_division, toggle_reverse, mutable_default, aliased_rows,
    iterate_copy, defensive_copy, narrow_except, finally_cleanup,
)
