"""What the failures say about the kind of fault, to try the edits of that kind first.

A failed assertion shows the value the code produced and the one the test wanted (pytest's
``assert 3 == 4``, unittest's ``3 != 4``); how they differ hints at the edit: values or lengths
one apart at an off-by-one, the same items in another order or the opposite sign at swapped
operands or a flipped comparison, opposite truth values at a negation or a comparison,
``None`` at a missing or wrong ``return``. An exception names its own kind (an
``IndexError`` is an off-by-one where it was raised). :meth:`Evidence.weight` turns that
into a factor on an edit's priority.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from homeostasis.core.records import Failure
from homeostasis.propose.templates.mutations import BOUNDARY, Mutation

#: The factor on the priority of an edit of a kind the failure points at.
BOOST = 2.0

#: The kinds of edit (mutation labels) each finding points at.
OFF_BY_ONE_EDITS = frozenset({"integer", "range bound", "slice bound", "index", "±1",
                              "lower bound", "bounds guard"})
ORDER_EDITS = frozenset({"argument swap", "operand swap", "sort order", "case order",
                         "loop direction"})
TRUTH_EDITS = frozenset({"negation", "not", "boolean", "add clause", "drop clause"})
RETURN_EDITS = frozenset({"return value", "return after loop", "missing return"})
GUARD_EDITS = frozenset({"None guard", "bounds guard", "empty-sequence default",
                         "empty-sequence guard", "membership guard", "zero-division guard",
                         "missing check", "early return"})
#: Exceptions that are off-by-ones where they are raised.
_INDEXING = frozenset({"IndexError", "StopIteration"})

_UNITTEST = re.compile(r"^(?P<actual>.+?) != (?P<expected>.+?)(?: : .*)?$")
_ONE_MORE = re.compile(r"^\s*(Left|Right) contains one more item")
_AT_INDEX = re.compile(r"^\s*At index \d+ diff: (?P<actual>.+?) != (?P<expected>.+)$")


@dataclass(frozen=True)
class Evidence:
    """Findings about the fault from the failures; each is False when nothing showed it."""

    off_by_one: bool = False
    """A value, a length or a count one off from the wanted one, or an index out of range."""
    order: bool = False
    """The wanted items in another order, or the wanted number with the other sign."""
    truth: bool = False
    """The opposite truth value of the wanted one."""
    none: bool = False
    """``None`` where a value was wanted."""
    guard: bool = False
    """A check for a missing, empty or ``None`` value that nobody wrote (only a developer's
    hint says so: :mod:`.hints`)."""

    def joined(self, other: Evidence) -> Evidence:
        """The findings of both."""
        return Evidence(**{f.name: getattr(self, f.name) or getattr(other, f.name)
                           for f in dataclasses.fields(self)})

    def weight(self, mutation: Mutation, raised: str = "") -> float:
        """:data:`BOOST` when a finding (or ``raised``, the exception raised at the edit's
        line) points at the kind of ``mutation``, else 1."""
        label, tier = mutation.label, mutation.tier
        comparison = label == "comparison"
        points = (
            (self.off_by_one or raised in _INDEXING)
            and (label in OFF_BY_ONE_EDITS or (comparison and tier == BOUNDARY)),
            self.order and (label in ORDER_EDITS or (comparison and tier != BOUNDARY)),
            # a wrong truth value is as much a boundary's as a negation's
            self.truth and (label in TRUTH_EDITS or comparison),
            self.none and label in RETURN_EDITS,
            self.guard and label in GUARD_EDITS,
        )
        if any(points):
            return BOOST
        return 1.0


def read_evidence(failures: Iterable[Failure]) -> Evidence:
    """The findings of every run-time failure, together."""
    found: dict[str, bool] = {}
    for failure in failures:
        if failure.collection_error:
            continue
        if failure.exc_type.rsplit(".", 1)[-1] in _INDEXING:
            found["off_by_one"] = True
        for key, value in _from_message(failure.message).items():
            found[key] = found.get(key, False) or value
    return Evidence(**found)


def _from_message(message: str) -> dict[str, bool]:
    lines = message.splitlines()
    if not lines:
        return {}
    if any(_ONE_MORE.match(line) for line in lines):
        return {"off_by_one": True}
    pair = _assertion(lines[0])
    if pair is None:
        at = next((m for line in lines if (m := _AT_INDEX.match(line))), None)
        pair = (_literal(at["actual"]), _literal(at["expected"])) if at else None
    return {} if pair is None else _compare(*pair)


def _assertion(line: str) -> tuple[Any, Any] | None:
    """(actual, expected) of pytest's ``assert <actual> == <expected>``, of ``assert not
    True`` / ``assert False``, or of unittest's ``<actual> != <expected>``; None when the line
    is none of these or its values are not literals."""
    if line.startswith("assert "):
        try:
            test = ast.parse(line[len("assert "):], mode="eval").body
        except SyntaxError:
            return None
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(
                test.ops[0], (ast.Eq, ast.Is)):
            return _value(test.left), _value(test.comparators[0])
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            return _value(test.operand), False
        return _value(test), True
    match = _UNITTEST.match(line)
    return (_literal(match["actual"]), _literal(match["expected"])) if match else None


_MISSING = object()


def _value(node: ast.expr) -> Any:
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _MISSING


def _literal(text: str) -> Any:
    try:
        return _value(ast.parse(text.strip(), mode="eval").body)
    except SyntaxError:
        return _MISSING


def _compare(actual: Any, expected: Any) -> dict[str, bool]:
    """The findings of one produced value against the wanted one."""
    if actual is _MISSING or expected is _MISSING:
        return {}
    if actual is None and expected is not None:
        return {"none": True}
    if isinstance(actual, bool) or isinstance(expected, bool):
        return {"truth": bool(actual) != bool(expected)}
    if isinstance(actual, (int, float)) and isinstance(expected, (int, float)):
        return {"off_by_one": abs(actual - expected) == 1,
                "order": actual == -expected != 0}
    if isinstance(actual, (str, list, tuple)) and isinstance(expected, (str, list, tuple)):
        return {"off_by_one": abs(len(actual) - len(expected)) == 1,
                "order": actual != expected and _same_items(actual, expected)}
    return {}


def _same_items(a: Any, b: Any) -> bool:
    try:
        return sorted(a) == sorted(b)
    except TypeError:
        return False
