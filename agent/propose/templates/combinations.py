"""Two-location candidates: pairs of single edits at different places, for faults that need
two changes (a convention wrong in an encoder *and* its decoder, a field renamed in one module
but not another). They are tried only after the single edits, and only when no single edit
was plausible (candidates carry ``round = 2``). The edits paired are the best few of each of
the most suspicious sites (:func:`per_site`), not the best few overall: those all tend to sit
at the one most suspicious line, and a pair needs two."""

from __future__ import annotations

import ast
import dataclasses
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from homeostasis.propose.templates.mutations import Mutation
from homeostasis.propose.templates.site import Site

#: A pair of edits of the same kind (the same mistake made twice) is this much likelier.
SAME_KIND_BONUS = 2.0
#: At most this many repeated-edit candidates are offered.
MAX_REPEATED = 12


@dataclass(frozen=True)
class Single:
    """A single edit that parsed and was new, with its priority and why it may overfit ("" when
    it is not known to)."""

    priority: float
    site: Site
    mutation: Mutation
    overfit: str = ""


@dataclass(frozen=True)
class Pair:
    first: Single
    second: Single
    texts: dict[str, str]
    """The new text of each touched file."""


def _apply(text: str, mutations: Sequence[Mutation]) -> str:
    for m in sorted(mutations, key=lambda m: m.start, reverse=True):
        text = text[: m.start] + m.replacement + text[m.end :]
    return text


def _compatible(a: Single, b: Single) -> bool:
    if a.site.path != b.site.path:
        return True
    if a.site.suspect.line == b.site.suspect.line:
        return False
    return a.mutation.end <= b.mutation.start or b.mutation.end <= a.mutation.start


def repeated(singles: Sequence[Single], suspect_lines: set[tuple[str, int]]) -> Iterator[Pair]:
    """The same edit made again at another suspect line of the same file where the same
    text stands (the same mistake made twice: a constant, a format, an operator), for each
    single in order. The pair's ``second`` is the copy."""
    seen: set[tuple[str, str]] = set()
    for single in singles:
        site, m = single.site, single.mutation
        text = site.source.text
        old = text[m.start : m.end]
        if not old.strip() or "\n" in old or old.isidentifier():
            continue  # a name is not a mistake repeated: it stands everywhere
        start = text.find(old)
        while start != -1:
            line = text.count("\n", 0, start) + 1
            if (start != m.start and (site.path, line) in suspect_lines
                    and line != site.suspect.line):
                copy = dataclasses.replace(m, start=start, end=start + len(old),
                                           shown=(start, start + len(old)))
                new = _apply(text, [m, copy])
                if (site.path, new) not in seen and _parses(new):
                    seen.add((site.path, new))
                    yield Pair(single, dataclasses.replace(single, mutation=copy),
                               {site.path: new})
                    if len(seen) >= MAX_REPEATED:
                        return
            start = text.find(old, start + 1)


def _parses(text: str) -> bool:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    return True


def per_site(singles: Sequence[Single], sites: int, each: int) -> list[Single]:
    """The first ``each`` of ``singles`` (best first) at each of the first ``sites`` distinct
    suspect lines among them, in their order."""
    taken: dict[tuple[str, int], int] = {}
    chosen = []
    for single in singles:
        key = (single.site.path, single.site.suspect.line)
        if key not in taken and len(taken) == sites:
            continue
        if taken.setdefault(key, 0) < each:
            taken[key] += 1
            chosen.append(single)
    return chosen


def pairs(singles: Sequence[Single]) -> Iterator[Pair]:
    """Every compatible pair of ``singles`` (at two different lines), likeliest first (the
    engine checks that their files parse)."""
    scored = []
    for i, j in itertools.combinations(range(len(singles)), 2):
        a, b = singles[i], singles[j]
        if not _compatible(a, b):
            continue
        bonus = SAME_KIND_BONUS if a.mutation.label == b.mutation.label else 1.0
        scored.append((-(a.priority * b.priority * bonus), i, j))
    for _, i, j in sorted(scored):
        yield _pair(singles[i], singles[j])


def with_partners(firsts: Sequence[Single], partners: Sequence[Single]) -> Iterator[Pair]:
    """Each of ``firsts`` in order (edits that made some failing tests pass: one half of a
    fix in two places) with each of ``partners`` at another line: those in other functions
    first (the other half is elsewhere), and among them the likeliest partner of every line,
    then the second of every line, …"""
    partners = sorted(partners, key=lambda s: -s.priority)
    place: dict[tuple[str, int], int] = {}
    ranks = []
    for single in partners:
        key = (single.site.path, single.site.suspect.line)
        place[key] = place.get(key, -1) + 1
        ranks.append(place[key])
    for a in firsts:
        home = _function(a)
        ordered = sorted(range(len(partners)),
                         key=lambda i: (_function(partners[i]) == home, ranks[i], i))
        for b in (partners[i] for i in ordered):
            if b is not a and _compatible(a, b):
                yield _pair(a, b)


def _function(single: Single) -> tuple[str, int]:
    """Where the function holding the edit starts (its line 0 when it is in none)."""
    fn = single.site.function
    return single.site.path, fn.lineno if fn is not None else 0


def _pair(a: Single, b: Single) -> Pair:
    by_path: dict[str, list[Single]] = {}
    for s in (a, b):
        by_path.setdefault(s.site.path, []).append(s)
    return Pair(a, b, {path: _apply(group[0].site.source.text, [s.mutation for s in group])
                       for path, group in by_path.items()})
