"""Strings handled wrong, as a reviewer would point it out: ``lstrip`` of a prefix, a
``split`` that cuts a value containing the separator, the wrong ``re`` function, a wrong format
spec, case folded too late or not at all.

Sibling-method swaps (``strip``/``lstrip``, ``split``/``rsplit``, ``lower``/``upper``) are
:func:`.wrong_names.replace_callee`'s; ``m.group(n ± 1)`` the integer operator's.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from homeostasis.propose.templates.ast_helpers import (
    call_name,
    is_str,
    method_call,
    name_span,
    parenthesized,
    replace,
)
from homeostasis.propose.templates.mutations import OFF_BY_ONE, OPERATOR, Mutation
from homeostasis.propose.templates.site import Site

_AFFIXES = {"lstrip": ("removeprefix",), "rstrip": ("removesuffix",),
            "strip": ("removeprefix", "removesuffix")}
_REGEX = {"match": ("search", "fullmatch"), "search": ("fullmatch", "match"),
          "fullmatch": ("search", "match")}
_SPEC = re.compile(r"(?P<align>(?:.?[<>^=])?)[-+ ]?z?#?(?P<zero>0?)(?P<width>\d*)[,_]?"
                   r"(?:\.(?P<precision>\d+))?(?P<type>[bcdeEfFgGnosxX%]?)")
_CASE = ("lower", "upper", "casefold")
_STR_METHODS = ("strip", "lstrip", "rstrip", "replace", "removeprefix", "removesuffix",
                "translate", "ljust", "rjust", "center")
_TEXTUAL = re.compile(r"name|key|text|word|tag|label|title|ext|suffix|prefix|host|mail|"
                      r"code|str|query|term|command|header|token|user|kind|type", re.I)


def _str_value(site: Site, node: ast.expr) -> str | None:
    """The value of a string literal or of a module-level string constant's name."""
    if isinstance(node, ast.Name):
        values = [s.value for s in site.tree.body if isinstance(s, ast.Assign)
                  and any(isinstance(t, ast.Name) and t.id == node.id for t in s.targets)]
        node = values[-1] if values else node
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def strip_affix(site: Site) -> Iterator[Mutation]:
    """``s.lstrip("refs/")`` strips any of a *set* of characters where a prefix was meant:
    ``s.removeprefix(...)`` (``rstrip`` → ``removesuffix``), for a multi-character literal or
    module constant."""
    for node in site.nodes():
        found = method_call(node, *_AFFIXES)
        if found and len(found[0].args) == 1 and not found[0].keywords and len(
                _str_value(site, found[0].args[0]) or "") > 1:
            for rank, new in enumerate(_AFFIXES[found[2]]):
                yield Mutation(*name_span(site, found[0], found[2]), new, "remove affix",
                               site.source.span(found[0]), rank)


def split_limit(site: Site) -> Iterator[Mutation]:
    """``s.split(sep)`` cuts a value that contains the separator too: ``s.split(sep, 1)`` and
    ``s.rsplit(sep, 1)``; ``split()`` (any whitespace) and ``split(" ")`` for each other."""
    for node in site.nodes():
        found = method_call(node, "split", "rsplit")
        if found is None or found[0].keywords or len(found[0].args) > 1:
            continue
        call, _, name = found
        start, end = name_span(site, call, name)[0], site.source.span(call)[1]
        news = [f'{name}(" ")']
        if call.args and not isinstance(call.args[0], ast.Starred):
            sep = site.text(call.args[0])
            news = [f"{new}({sep}, 1)" for new in dict.fromkeys((name, "split", "rsplit"))]
            news += [f"{name}()"] if _str_value(site, call.args[0]) == " " else []
        for rank, new in enumerate(news):
            yield Mutation(start, end, new, "split", site.source.span(call), rank)


def _regex_names(site: Site) -> tuple[set[str], set[str]]:
    """The names ``re`` is imported as, and of module-level compiled patterns."""
    modules = {alias for alias in [site.module_alias("re")] if alias}
    patterns = {t.id for n in site.tree.body if isinstance(n, ast.Assign)
                and (c := method_call(n.value, "compile")) and site.text(c[1]) in modules
                for t in n.targets if isinstance(t, ast.Name)}
    return modules, patterns


def regex_function(site: Site) -> Iterator[Mutation]:
    """The wrong anchoring of a regular expression: ``re.match`` (at the start), ``re.search``
    (anywhere) and ``re.fullmatch`` (all of it) for one another, on the ``re`` module under
    its own alias or on a module-level compiled pattern."""
    receivers = set.union(*_regex_names(site))
    for node in site.nodes():
        found = method_call(node, *_REGEX)
        if found and site.text(found[1]) in receivers:
            for rank, new in enumerate(_REGEX[found[2]]):
                yield Mutation(*name_span(site, found[0], found[2]), new, "regex function",
                               site.source.span(found[0]), rank)


def format_specs(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the format specs (after the top-level ``:``) of the replacement fields in
    the source text of a format string or f-string; nested ``{...}`` specs are skipped."""
    i = 0
    while i < len(text):
        if text[i] != "{" or text.startswith("{{", i):
            i += 2 if text.startswith("{{", i) else 1
            continue
        j, depth, colon = i + 1, 0, -1
        while j < len(text) and (text[j] != "}" or depth):
            depth += (text[j] in "([{") - (text[j] in ")]}")
            colon = j if text[j] == ":" and not depth and colon < 0 else colon
            j += 1
        if colon >= 0 and "{" not in text[colon:j]:
            yield colon + 1, j
        i = j + 1


def _spec_edits(spec: str) -> Iterator[tuple[str, int]]:
    """Fixed versions of a format spec, with their tiers: zero padding, the other alignment,
    precision ± 1."""
    m = _SPEC.fullmatch(spec)
    if m is None:
        return
    if m["width"] and not m["zero"] and not m["align"] and m["type"] not in ("s", "c"):
        yield spec[: m.start("width")] + "0" + spec[m.start("width"):], OPERATOR
    if m["align"][-1:] in ("<", ">"):
        yield m["align"][:-1] + "<>"[m["align"][-1] == "<"] + spec[m.end("align"):], OPERATOR
    for new in (int(m["precision"]) + 1, int(m["precision"]) - 1) if m["precision"] else ():
        yield spec[: m.start("precision")] + str(new) + spec[m.end("precision"):], OFF_BY_ONE


def format_spec(site: Site) -> Iterator[Mutation]:
    """A wrong format spec in an f-string or a ``"...".format()`` string: ``{m:2d}`` →
    ``{m:02d}``, ``{s:<8}`` ↔ ``{s:>8}``, ``{x:.2f}`` → ``{x:.3f}``/``{x:.1f}``; each replaces the
    whole string (positions inside f-strings are unreliable on Python 3.11)."""
    for node in site.nodes():
        parent = site.parents.get(id(node))
        if not isinstance(node, ast.JoinedStr) and not (
                isinstance(node, ast.Constant) and is_str(node)
                and isinstance(parent, ast.Attribute) and parent.attr == "format"):
            continue
        text = site.text(node)
        for lo, hi in format_specs(text):
            for rank, (new, tier) in enumerate(_spec_edits(text[lo:hi])):
                yield replace(site, node, text[:lo] + new + text[hi:], "format spec", rank, tier)


def _subjects(site: Site, node: ast.expr) -> Iterator[ast.expr]:
    """The strings a chain of case-dependent transformations reads, outermost first: the
    subject of each ``re.sub``/``pattern.sub`` and the receiver of each string method with
    arguments (``strip("-")``, ``replace(a, b)``), from the first such step down."""
    modules, dependent = _regex_names(site)[0], False
    while found := method_call(node, "sub", "subn", *_STR_METHODS):
        call, receiver, name = found
        if name in ("sub", "subn"):
            if len(call.args) < 2:
                return
            receiver = call.args[2 if site.text(receiver) in modules else 1]
        dependent = dependent or bool(call.args)
        if dependent:
            yield receiver
        node = receiver


def case_order(site: Site) -> Iterator[Mutation]:
    """Case folded after a transformation that depends on case
    (``re.sub("[^a-z]+", "-", title).lower()``): the ``.lower()`` (``.upper()``,
    ``.casefold()``) moved onto the string the transformation reads, innermost first."""
    text = site.source.text
    for node in site.nodes():
        found = method_call(node, *_CASE)
        if found is None or found[0].args or found[0].keywords:
            continue
        call, receiver, name = found
        start, cut = site.source.span(call)[0], site.source.span(receiver)[1]
        for rank, subject in enumerate(reversed(list(_subjects(site, receiver)))):
            lo, hi = site.source.span(subject)
            new = f"{text[start:lo]}{parenthesized(site, subject)}.{name}(){text[hi:cut]}"
            yield replace(site, call, new, "case order", rank)


def _folded(site: Site, node: ast.expr) -> str | None:
    """``node``'s text as a lowercase operand: a literal lowercased, a ``.lower()`` call or a
    container of lowercase literals unchanged, ``None`` when it cannot be a string."""
    if method_call(node, "lower", "casefold"):
        return site.text(node)
    if isinstance(node, ast.Constant):
        return site.text(node).lower() if is_str(node) else None
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        lower = all(isinstance(e, ast.Constant) and isinstance(e.value, str)
                    and e.value == e.value.lower() for e in node.elts)
        return site.text(node) if lower else None
    return parenthesized(site, node) + ".lower()"


def _textual(node: ast.expr) -> bool:
    """Whether an operand is evidently a string: a literal, a string method call, a container
    of literals, or a name that says so (``name``, ``key``, ``title``...)."""
    return (is_str(node) or method_call(node, *_CASE, *_STR_METHODS) is not None
            or (isinstance(node, (ast.List, ast.Tuple, ast.Set)) and all(map(is_str, node.elts)))
            or any(_TEXTUAL.search(call_name(n)) for n in ast.walk(node)
                   if isinstance(n, (ast.Name, ast.Attribute))))


def case_insensitive(site: Site) -> Iterator[Mutation]:
    """A string comparison that should ignore case: ``a == b`` → ``a.lower() == b.lower()``
    (also ``!=``, ``in``, ``not in``; literals are lowercased)."""
    for node in site.nodes():
        if not isinstance(node, ast.Compare) or len(node.ops) != 1 or not isinstance(
                node.ops[0], (ast.Eq, ast.NotEq, ast.In, ast.NotIn)):
            continue
        left, right = node.left, node.comparators[0]
        new_left, new_right = _folded(site, left), _folded(site, right)
        if new_left and new_right and (_textual(left) or _textual(right)):
            (start, end), text = site.source.span(node), site.source.text
            (a, b), (c, d) = site.source.span(left), site.source.span(right)
            new = text[start:a] + new_left + text[b:c] + new_right + text[d:end]
            yield replace(site, node, new, "ignore case")
