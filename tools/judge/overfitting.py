"""The shapes of patch that pass the tests without fixing the fault (the anti-patterns of
search-based repair, Tan et al. 2016), recognised in a patch's syntax trees.

A proposer names the shape of each candidate it makes in ``Candidate.overfit`` (it has the old
and new source at hand); :mod:`.rank` penalises it, so that among plausible fixes one of
another shape wins. The shapes: a special case keyed on a literal the failing tests use, a
condition made constant, an early exit added under a new condition, a statement deleted.
"""

from __future__ import annotations

import ast
import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping

from homeostasis.core.project import parse_python as _parse
from homeostasis.core.records import Context, Failure

SPECIAL_CASE = "a special case keyed on a test's input"
CONSTANT_CONDITION = "a condition made constant"
EARLY_EXIT = "an early exit not tied to the failure"
DELETED = "a deleted statement"

_EXITS = (ast.Return, ast.Raise, ast.Break, ast.Continue)


def literals_of_tests(context: Context, failures: Iterable[Failure]) -> frozenset[str]:
    """The numbers and strings written in the failing tests (the context's test snippets and
    the test lines of the tracebacks), as ``repr`` of the value, leaving out the commonplace
    ones (0, 1, -1, "")."""
    sources = [*(s.text for s in context.snippets if s.kind == "test"),
               *(fr.source for f in failures for fr in f.frames if fr.is_test)]
    found: set[str] = set()
    for text in sources:
        tree = _parse(textwrap.dedent(text))
        if tree is not None:
            found |= {repr(v) for v in _literals(tree)}
    return frozenset(found - {"0", "1", "-1", "''"})


def overfit_shape(old: Mapping[str, str], new: Mapping[str, str],
                  literals: frozenset[str] = frozenset()) -> str:
    """The overfitting shape of the patch that turns the files ``old`` into ``new`` (path →
    text), or "" when it has none; ``literals`` are the tests' (:func:`literals_of_tests`)."""
    for path, text in new.items():
        before, after = _parse(old.get(path, "")), _parse(text)
        if before is None or after is None:
            continue
        shape = shape_of(*_changed(before, after), literals)
        if shape:
            return shape
    return ""


def _changed(before: ast.Module, after: ast.Module) -> tuple[ast.Module, ast.Module]:
    """The top-level statements (or methods) the patch changed, before and after, as two
    modules; the whole modules when statements were added or removed at that level."""
    pairs: list[tuple[ast.stmt, ast.stmt]] = []
    if len(before.body) != len(after.body):
        return before, after
    for a, b in zip(before.body, after.body, strict=True):
        if (isinstance(a, ast.ClassDef) and isinstance(b, ast.ClassDef)
                and len(a.body) == len(b.body)):
            pairs += [(x, y) for x, y in zip(a.body, b.body, strict=True)
                      if ast.dump(x) != ast.dump(y)]
        elif ast.dump(a) != ast.dump(b):
            pairs.append((a, b))
    return (ast.Module([a for a, _ in pairs], []), ast.Module([b for _, b in pairs], []))


def shape_of(before: ast.AST, after: ast.AST, literals: frozenset[str] = frozenset()) -> str:
    """The overfitting shape of a change from the code ``before`` to ``after`` (the parts a
    patch changed, or whole modules), or "" when it has none."""
    old_nodes, new_nodes = _census(before), _census(after)
    added = new_nodes - old_nodes
    if literals and added["Compare"]:
        new_literals = Counter(repr(v) for v in _literals(after)) - Counter(
            repr(v) for v in _literals(before))
        if any(lit in literals for lit in new_literals):
            return SPECIAL_CASE
    if _constant_tests(after) > _constant_tests(before):
        return CONSTANT_CONDITION
    if added["If"] and any(added[type_.__name__] for type_ in _EXITS):
        return EARLY_EXIT
    statements = sum(c for k, c in old_nodes.items() if k in _STATEMENTS)
    if sum(c for k, c in new_nodes.items() if k in _STATEMENTS) < statements and not any(
            added[k] for k in _STATEMENTS):
        return DELETED
    return ""


_STATEMENTS = frozenset(n.__name__ for n in (
    ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Return, ast.Raise, ast.If,
    ast.For, ast.While, ast.With, ast.Try, ast.Break, ast.Continue, ast.Delete, ast.Assert))


def _census(tree: ast.AST) -> Counter[str]:
    """How many nodes of each kind the tree has."""
    return Counter(type(n).__name__ for n in ast.walk(tree))


def _constant_tests(tree: ast.AST) -> int:
    """Conditions that are a constant: ``if True``, ``while 0``, ``x or True``."""
    count = 0
    for node in ast.walk(tree):
        tests: list[ast.expr] = []
        if isinstance(node, (ast.If, ast.While, ast.IfExp)):
            tests = [node.test]
        elif isinstance(node, ast.BoolOp):
            tests = node.values
        count += sum(isinstance(t, ast.Constant) and not (isinstance(node, ast.While)
                                                          and t.value is True) for t in tests)
    return count


def _literals(tree: ast.AST) -> list[object]:
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
            and isinstance(n.value, (int, float, str)) and not isinstance(n.value, bool)]

