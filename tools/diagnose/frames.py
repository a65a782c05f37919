"""Suspects read straight off tracebacks: the project code a failing test ran through."""

from __future__ import annotations

from collections.abc import Sequence

from homeostasis.core.records import Failure, Suspect

#: Score of the innermost project frame; each frame further out loses :data:`STEP`.
TOP_SCORE = 1.0
STEP = 0.1
MIN_SCORE = 0.1
#: At most this many reasons are spelled out when several failures meet at one line.
MAX_REASONS = 3


def suspects_from_failures(failures: Sequence[Failure]) -> list[Suspect]:
    """One suspect per project line (outside test files) on the failing tracebacks.

    The innermost such frame of a failure scores 1.0, the next one out 0.9, then 0.8 … (never
    below 0.1). A line reached by several failures keeps its best score and the reasons of all
    of them. Suspects come most suspicious first (ties by path and line), with
    ``source="traceback"`` and a reason such as ``raised here in tests/test_x.py::test_y
    (ZeroDivisionError)`` or ``on the call path of tests/test_x.py::test_y (ZeroDivisionError)``.
    """
    best: dict[tuple[str, int], tuple[float, str, list[str]]] = {}
    for failure in failures:
        innermost = failure.frames[-1] if failure.frames else None
        candidates = [f for f in reversed(failure.frames) if f.in_project and not f.is_test]
        for distance, frame in enumerate(candidates):
            score = max(MIN_SCORE, round(TOP_SCORE - STEP * distance, 2))
            reason = _reason(failure, raised=frame is innermost)
            key = (frame.path, frame.line)
            old_score, function, reasons = best.get(key, (0.0, frame.function, []))
            if reason not in reasons:
                reasons.append(reason)
            best[key] = (max(score, old_score), function, reasons)
    suspects = [
        Suspect(path, line, score, "traceback", _join(reasons), function)
        for (path, line), (score, function, reasons) in best.items()
    ]
    suspects.sort(key=lambda s: (-s.score, s.path, s.line))
    return suspects


def _reason(failure: Failure, raised: bool) -> str:
    where = "raised here in" if raised else "on the call path of"
    what = f" ({failure.exc_type})" if failure.exc_type else ""
    return f"{where} {failure.test_id}{what}"


def _join(reasons: list[str]) -> str:
    shown = "; ".join(reasons[:MAX_REASONS])
    more = len(reasons) - MAX_REASONS
    return f"{shown}; and {more} more" if more > 0 else shown
