"""Wrong names: a misspelt name, or a variable, attribute or called function that should have
been a different one in scope (the "wrong variable/field/method" repairs of PAR and TBar).

Names spelled alike (``min_x``/``max_x``, ``start``/``start_time``) or classic sibling
functions (``min``/``max``, ``startswith``/``endswith``) come first, in the template's tier;
other names in scope, nearest first, in tier STRUCTURE.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher, get_close_matches

from homeostasis.propose.templates.ast_helpers import RECEIVERS, bound_names
from homeostasis.propose.templates.mutations import STRUCTURE, Mutation
from homeostasis.propose.templates.site import BUILTIN_NAMES, Site

_UNDEFINED = re.compile(r"name '(\w+)' is not defined")
_NO_ATTRIBUTE = re.compile(r"object has no attribute '(\w+)'")
_SUGGESTED = re.compile(r"Did you mean:? '?(\w+)'?\?")
_GROUPS = (
    ("min", "max"), ("any", "all"), ("floor", "ceil"), ("startswith", "endswith"),
    ("ljust", "rjust"), ("lstrip", "rstrip", "strip"), ("upper", "lower"), ("find", "rfind"),
    ("index", "rindex"), ("split", "rsplit"), ("append", "extend", "appendleft"),
    ("pop", "popleft"), ("keys", "values", "items"), ("remove", "discard"),
    ("isdigit", "isalpha", "isalnum", "isnumeric", "isspace"), ("get", "setdefault"),
    ("partition", "rpartition"), ("removeprefix", "removesuffix"), ("isupper", "islower"),
    ("title", "capitalize", "upper"), ("sorted", "reversed"),
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


def name_typo(site: Site) -> Iterator[Mutation]:
    """A NameError (or AttributeError not about None) at a misspelt name: the name Python
    suggests, then the closest names defined in the file (locals, module names, builtins;
    for an attribute, the attributes used in the file)."""
    failure = site.exception
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
    for node in nodes:
        start, end = site.source.span(node)
        for rank, name in enumerate(dict.fromkeys(choices)):
            yield Mutation(end - len(bad), end, name, "name", (start, end), rank)


def _interleave(choices: Iterable[list[Mutation]]) -> Iterator[Mutation]:
    """The first choice for every place, then the second ones, …"""
    lists = [c for c in choices if c]
    for rank in range(max(map(len, lists), default=0)):
        yield from (c[rank] for c in lists if rank < len(c))


def _edits(site: Site, span: tuple[int, int], node: ast.expr, old: str, names: Iterable[str],
           label: str, likely: Iterable[str] = ()) -> list[Mutation]:
    """``span``, which ends with the name ``old``, with that name replaced by each of
    ``names`` in turn: likely and alike names first (in the template's tier), then the rest
    (tier STRUCTURE)."""
    first = set(likely) | {n for n in names if similar(old, n)}
    order = sorted(dict.fromkeys(n for n in names if n != old), key=lambda n: n not in first)
    prefix = site.source.text[span[0]:span[1]][: -len(old)]
    return [Mutation(*span, prefix + name, label, site.source.span(node), rank,
                     None if name in first else STRUCTURE) for rank, name in enumerate(order)]


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
                or node.id not in site.local_names or node.id in RECEIVERS
                or site.is_callee(node)):
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
    rank = 0
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
        yield Mutation(*span, new, "attribute or local", span, rank)
        rank += 1


def _attribute_uses(site: Site) -> tuple[dict[str, list[str]], set[str]]:
    """Attribute names used on each receiver text in the module, and the attributes that are
    read or written (not only called)."""
    on: dict[str, list[str]] = {}
    data: set[str] = set()
    for node in ast.walk(site.tree):
        if isinstance(node, ast.Attribute):
            on.setdefault(site.text(node.value), []).append(node.attr)
            if not site.is_callee(node):
                data.add(node.attr)
    return on, data


def replace_attribute(site: Site) -> Iterator[Mutation]:
    """An attribute read or written where another one of the same object was meant
    (``road.km`` → ``road.minutes``): the attributes used on the same receiver, then those
    used alongside this one on some other receiver in the module."""
    on, data = _attribute_uses(site)
    choices = []
    for node in site.nodes():
        if not isinstance(node, ast.Attribute) or site.is_callee(node):
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
