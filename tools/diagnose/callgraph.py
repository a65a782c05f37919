"""Suspects found without running anything: the project functions the failing tests call.

When per-test coverage cannot be measured and a test fails on its own assertion (its traceback
never enters project code), the fault is most likely in code the test calls. A test's function
is found from its node id; the names called in its body (tree-sitter call expressions) are
resolved by name to the functions of the project's non-test files (the tags query; a class
resolves to its constructor); helpers and fixtures of the test's own file and of the
``conftest.py`` files above it are followed through, and so are the project functions' own
calls, up to :data:`DEPTH` calls away from the test. Functions are ranked like lines in SBFL —
Ochiai over which failing and which passing tests reach them — lowered by :data:`HOP` for each
call further from the test, and every statement line of a function is a suspect.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from homeostasis.core.project import is_test_path, iter_python_files, read_source
from homeostasis.core.records import Suspect
from homeostasis.tools.diagnose.syntax_tree import (
    Definition,
    calls_in,
    definitions,
    identifiers_in,
    statement_lines,
)

#: The most calls between a test and a function it reaches.
DEPTH = 3
#: The factor a function's score is lowered by for each call beyond the first.
HOP = 0.9
#: Methods a call of their class runs.
_CONSTRUCTORS = ("__init__", "__post_init__", "__new__")


@dataclass(frozen=True)
class _Function:
    """A function defined in the file at root-relative ``path``."""

    path: str
    definition: Definition


class _CallGraph:
    """The project's functions by the names code calls them by, and the functions each test
    reaches (memoised per test function, so parametrized cases cost one walk)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.texts: dict[str, str | None] = {}
        self.by_name: dict[str, list[_Function]] = {}
        self.reached: dict[tuple[str, str], dict[_Function, int]] = {}
        for file in iter_python_files(root):
            rel = file.relative_to(root).as_posix()
            if not is_test_path(rel):
                for fn in self._functions(rel):
                    *owner, name = fn.definition.name.split(".")
                    self.by_name.setdefault(name, []).append(fn)
                    if owner and name in _CONSTRUCTORS:
                        self.by_name.setdefault(owner[-1], []).append(fn)

    def text(self, rel: str) -> str | None:
        if rel not in self.texts:
            self.texts[rel] = read_source(self.root / rel)
        return self.texts[rel]

    def reach(self, test_id: str) -> dict[_Function, int]:
        """The project functions test ``test_id`` reaches, each with the fewest calls it
        takes (1: the test calls it); empty when the test's function is not found."""
        path, _, rest = test_id.partition("::")
        key = (path, rest.split("[", 1)[0].replace("::", "."))
        if key not in self.reached:
            support = self._test_support(path)
            local = {fn.definition.short_name: fn for fn in support} | {
                fn.definition.name: fn for fn in support}  # ``helper()`` and ``self.helper()``
            test = local.get(key[1])
            self.reached[key] = self._walk(test, local) if test else {}
        return self.reached[key]

    def _walk(self, test: _Function, local: dict[str, _Function]) -> dict[_Function, int]:
        hops: dict[_Function, int] = {}
        todo, followed = [(test, 0)], {test}
        while todo:
            fn, away = todo.pop()
            calls, asked = self._names_used(fn, signature=away == 0)
            for name in calls | asked if away == 0 else ():  # the test's helpers and fixtures
                helper = local.get(name)
                if helper is not None and helper not in followed:
                    followed.add(helper)
                    todo.append((helper, 0))
            for callee in (c for name in calls for c in self.by_name.get(name, [])):
                if away < DEPTH and hops.get(callee, DEPTH + 1) > away + 1:
                    hops[callee] = away + 1
                    todo.append((callee, away + 1))
        return hops

    def _names_used(self, fn: _Function, signature: bool) -> tuple[set[str], set[str]]:
        """The names ``fn`` calls and, with ``signature``, the names its decorators and
        parameters use (the fixtures a test or fixture asks for)."""
        text, d = self.text(fn.path) or "", fn.definition
        if not signature:
            return calls_in(text, d.start_line, d.end_line), set()
        body = statement_lines(text, d.start_line, d.end_line)
        header_end = body[0] - 1 if body else d.start_line
        return calls_in(text, d.start_line, d.end_line), identifiers_in(
            text, d.start_line, header_end)

    def _test_support(self, path: str) -> list[_Function]:
        """The functions of test file ``path`` and of the ``conftest.py`` files above it."""
        folders = PurePosixPath(path).parents
        files = [path, *(str(folder / "conftest.py") for folder in folders)]
        return [fn for rel in files for fn in self._functions(rel)]

    def _functions(self, rel: str) -> list[_Function]:
        text = self.text(rel)
        return [_Function(rel, d) for d in definitions(text or "") if d.kind == "function"]


def called_suspects(root: Path, failing: Iterable[str], passing: Iterable[str]
                    ) -> list[Suspect]:
    """Every statement line of the project functions the ``failing`` tests call, scored by
    Ochiai over the failing and ``passing`` tests that reach the function (lowered by
    :data:`HOP` per call beyond the first), most suspicious first, with a reason that starts
    ``called by failing test``. Empty when no failing test's function is found."""
    failed, passed = sorted(set(failing)), sorted(set(passing))
    if not failed:
        return []
    graph = _CallGraph(root)
    callers: dict[_Function, list[str]] = {}
    nearest: dict[_Function, int] = {}
    for test in failed:
        for fn, away in graph.reach(test).items():
            callers.setdefault(fn, []).append(test)
            nearest[fn] = min(away, nearest.get(fn, away))
    also_passing = dict.fromkeys(callers, 0)
    for test in passed:
        for fn in graph.reach(test).keys() & callers.keys():
            also_passing[fn] += 1
    suspects = []
    for fn, tests in callers.items():
        ef, ep, away = len(tests), also_passing[fn], nearest[fn]
        score = ef / math.sqrt(len(failed) * (ef + ep)) * HOP ** (away - 1)
        reason = _reason(tests, ep, len(passed), away, score)
        d = fn.definition
        for line in statement_lines(graph.text(fn.path) or "", d.start_line, d.end_line):
            suspects.append(Suspect(fn.path, line, round(score, 4), "callgraph", reason, d.name))
    suspects.sort(key=lambda s: (-s.score, s.path, s.line))
    return suspects


def _reason(failing: list[str], passing: int, total_passing: int, away: int, score: float
            ) -> str:
    more = f" and {len(failing) - 1} more" if len(failing) > 1 else ""
    through = f" ({away} calls away)" if away > 1 else ""
    return (f"called by failing test {failing[0]}{more}{through}, and by {passing}/"
            f"{total_passing} passing tests (static call graph, score {score:.2f})")
