"""Wrong-name templates: a variable, attribute or called function that should have been a
different one in scope (the "wrong variable/field/method" repairs of PAR and TBar).

Each template yields at most :data:`CAP` mutations per site, likeliest first: names spelled
alike (``min_x``/``max_x``, ``start``/``start_time``) or classic sibling functions
(``min``/``max``, ``startswith``/``endswith``) in tier OPERATOR, other names in scope, nearest
first, in tier STRUCTURE.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher

from homeostasis.propose.templates.mutations import OPERATOR, STRUCTURE, Mutation
from homeostasis.propose.templates.site import Site, SiteTemplate

#: Mutations per site, at most, for each template.
CAP = 8
_FAR = 10_000  # distance penalty of a name only bound later in an enclosing loop
_RECEIVERS = ("self", "cls")
_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_GROUPS = (
    ("min", "max"), ("any", "all"), ("floor", "ceil"), ("startswith", "endswith"),
    ("ljust", "rjust"), ("lstrip", "rstrip", "strip"), ("upper", "lower"), ("find", "rfind"),
    ("index", "rindex"), ("split", "rsplit"), ("append", "extend", "appendleft"),
    ("pop", "popleft"), ("keys", "values", "items"), ("remove", "discard"),
    ("isdigit", "isalpha", "isalnum"), ("get", "setdefault"),
)
#: Functions and methods that are often called one for the other.
SIBLINGS: dict[str, tuple[str, ...]] = {
    name: tuple(dict.fromkeys(n for g in _GROUPS if name in g for n in g if n != name))
    for group in _GROUPS for name in group
}


def similar(a: str, b: str) -> bool:
    """Whether two identifiers look alike: mostly the same letters, or a shared word
    (``min_x``/``max_x``, ``total``/``total_cost``, ``startTime``/``endTime``)."""
    return SequenceMatcher(None, a, b).ratio() >= 0.7 or bool(_words(a) & _words(b))


def _words(name: str) -> set[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()
    return {w for w in spaced.split("_") if w}


def bound_names(site: Site, node: ast.expr) -> dict[str, int]:
    """The enclosing function's local names that may hold a value where ``node`` is, each with
    its distance in lines to the nearest line that mentions it: parameters, names assigned on
    an earlier line or by a comprehension around ``node``, then (far behind) names assigned
    later inside a loop around ``node``. ``self``/``cls`` are left out."""
    fn = site.function
    if fn is None:
        return {}
    line = node.lineno
    ancestors = list(_ancestors(site, node))
    loops = [a for a in ancestors if isinstance(a, _LOOPS)]
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
            for name, penalty in bound.items() if name not in _RECEIVERS}


def _ancestors(site: Site, node: ast.AST) -> Iterator[ast.AST]:
    parent = site.parents.get(id(node))
    while parent is not None:
        yield parent
        parent = site.parents.get(id(parent))


def _is_callee(site: Site, node: ast.expr) -> bool:
    parent = site.parents.get(id(node))
    return isinstance(parent, ast.Call) and parent.func is node


def _interleave(choices: Iterable[list[Mutation]]) -> Iterator[Mutation]:
    """The first choice for every place, then the second ones, …, :data:`CAP` at most."""
    lists = [c for c in choices if c]
    merged = [m for rank in range(max(map(len, lists), default=0))
              for m in (c[rank] for c in lists if rank < len(c))]
    yield from merged[:CAP]


def _edits(site: Site, span: tuple[int, int], node: ast.expr, old: str, names: Iterable[str],
           family: str, likely: Iterable[str] = ()) -> list[Mutation]:
    """``span``, which ends with the name ``old``, with that name replaced by each of
    ``names`` in turn: likely and alike names first (tier OPERATOR), then the rest."""
    first = set(likely) | {n for n in names if similar(old, n)}
    order = sorted(dict.fromkeys(n for n in names if n != old), key=lambda n: n not in first)
    prefix = site.source.text[span[0]:span[1]][: -len(old)]
    return [Mutation(*span, prefix + name, family, OPERATOR if name in first else STRUCTURE,
                     site.source.span(node), rank) for rank, name in enumerate(order)]


def replace_variable(site: Site) -> Iterator[Mutation]:
    """A variable read where another local was meant (``qty > on_hand`` → ``qty >
    available``): each local read on the suspect lines becomes each other local bound there,
    alike or never-read names first, then the nearest, names already on the lines last."""
    fn = site.function
    if fn is None:
        return
    read = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name)
            and isinstance(n.ctx, ast.Load)}
    here = {n.id for n in site.nodes() if isinstance(n, ast.Name)}
    choices = []
    for node in site.nodes():
        if (not isinstance(node, ast.Name) or not isinstance(node.ctx, ast.Load)
                or node.id not in site.local_names or node.id in _RECEIVERS
                or _is_callee(site, node)):
            continue
        bound = bound_names(site, node)
        names = sorted((n for n in bound if n.strip("_")),
                       key=lambda n: (n in here, bound[n], n))
        choices.append(_edits(site, site.source.span(node), node, node.id, names, "variable",
                              [n for n in names if n not in read]))
    yield from _interleave(choices)


def self_or_local(site: Site) -> Iterator[Mutation]:
    """A parameter or local read where the attribute of the same name was meant, or the
    other way round: ``d not in weekend`` ↔ ``d not in self.weekend``."""
    fn = site.function
    if fn is None or not fn.args.args or fn.args.args[0].arg != "self":
        return
    attributes = set(site.self_attributes)
    found: list[Mutation] = []
    for node in site.nodes():
        if (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
                and node.id in attributes and node.id != "self"):
            new = f"self.{node.id}"
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
              and node.value.id == "self" and isinstance(node.ctx, ast.Load)
              and node.attr in bound_names(site, node)):
            new = node.attr
        else:
            continue
        span = site.source.span(node)
        found.append(Mutation(*span, new, "attribute or local", OPERATOR, span, len(found)))
    yield from found[:CAP]


def _attribute_uses(site: Site) -> tuple[dict[str, list[str]], set[str]]:
    """Attribute names used on each receiver text in the module, and the attributes that are
    read or written (not only called)."""
    on: dict[str, list[str]] = {}
    data: set[str] = set()
    for node in ast.walk(site.tree):
        if isinstance(node, ast.Attribute):
            on.setdefault(site.text(node.value), []).append(node.attr)
            if not _is_callee(site, node):
                data.add(node.attr)
    return on, data


def replace_attribute(site: Site) -> Iterator[Mutation]:
    """An attribute read or written where another one of the same object was meant
    (``road.km`` → ``road.minutes``): the attributes used on the same receiver, then those
    used alongside this one on some other receiver in the module."""
    on, data = _attribute_uses(site)
    choices = []
    for node in site.nodes():
        if not isinstance(node, ast.Attribute) or _is_callee(site, node):
            continue
        receiver = site.text(node.value)
        same = site.self_attributes if receiver == "self" else on.get(receiver, [])
        alongside = [a for attrs in on.values() if node.attr in attrs for a in attrs]
        names = [a for a in dict.fromkeys((*same, *alongside)) if a in data]
        choices.append(_edits(site, site.source.span(node), node, node.attr, names,
                              "attribute"))
    yield from _interleave(choices)


def _accepts(fn: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call, bound: bool) -> bool:
    """Whether ``fn`` can take the arguments of ``call`` (roughly: their number and names)."""
    params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)][1 if bound else 0:]
    given = len(call.args)
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
            k.arg is None for k in call.keywords):
        return True
    names = {*params, *(a.arg for a in fn.args.kwonlyargs)}
    if fn.args.kwarg is None and any(k.arg not in names for k in call.keywords):
        return False
    required = len(params) - len(fn.args.defaults)
    return (given <= len(params) or fn.args.vararg is not None) and (
        given + len(call.keywords) >= required)


def _functions(body: list[ast.stmt]) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    return {n.name: n for n in body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def replace_callee(site: Site) -> Iterator[Mutation]:
    """A call of the wrong function or method (``max(xs)`` → ``min(xs)``, ``self.total()``
    → ``self.subtotal()``): classic sibling builtins and methods first, then functions of the
    module, names imported alongside, methods of the class or of the same receiver that take
    the same arguments."""
    module = _functions(site.tree.body)
    imported = [[a.asname or a.name for a in n.names] for n in site.tree.body
                if isinstance(n, ast.ImportFrom)]
    cls = next((n for n in ast.walk(site.tree) if isinstance(n, ast.ClassDef)
                and n.lineno <= site.suspect.line <= (n.end_lineno or n.lineno)), None)
    methods = _functions(cls.body) if cls else {}
    called = _attribute_uses(site)[0]
    choices = []
    for node in site.nodes():
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name):
            name = func.id
            names = [f for f, d in module.items() if name in module and _accepts(d, node, False)]
            names += [n for group in imported if name in group for n in group]
        elif isinstance(func, ast.Attribute):
            name, receiver = func.attr, site.text(func.value)
            if receiver == "self":
                names = [m for m, d in methods.items() if not m.startswith("__")
                         and _accepts(d, node, True)]
            else:
                names = called.get(receiver, [])
        else:
            continue
        end = site.source.span(func)[1]
        span = (end - len(name), end)
        choices.append(_edits(site, span, node, name, [*SIBLINGS.get(name, ()), *names],
                              "called function", SIBLINGS.get(name, ())))
    yield from _interleave(choices)


#: The wrong-name templates, for :class:`~homeostasis.propose.templates.engine.TemplateProposer`.
TEMPLATES: tuple[SiteTemplate, ...] = (
    self_or_local,
    replace_variable,
    replace_attribute,
    replace_callee,
)
