"""Break ties between equally suspicious lines by the failing tests' own words.

Spectrum-based scores often tie: every line that all failing tests run gets the same Ochiai
score. Among tied lines, those inside a function that a failing test's failing line names
(``assert tier_for(10) == ...`` names ``tier_for``), or that a traceback frame passes through,
come first; the rest keep their order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from homeostasis.core.project import read_source
from homeostasis.core.records import Failure, Suspect
from homeostasis.tools.diagnose.syntax_tree import enclosing_scope

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def focus_names(failures: Sequence[Failure]) -> set[str]:
    """Names the failing tests point at: identifiers on the failing lines of the tests, and
    the functions of the project frames in their tracebacks."""
    names: set[str] = set()
    for failure in failures:
        for frame in failure.frames:
            if frame.is_test:
                names.update(_IDENTIFIER.findall(frame.source))
            elif frame.in_project:
                names.add(frame.function)
    return names


def prefer_focus(suspects: Sequence[Suspect], root: Path, failures: Sequence[Failure]
                 ) -> list[Suspect]:
    """``suspects`` with each run of equal scores reordered: lines in focus first (stable)."""
    names = focus_names(failures)
    texts: dict[str, str | None] = {}

    def in_focus(s: Suspect) -> bool:
        if s.path not in texts:
            texts[s.path] = read_source(root / s.path)
        text = texts[s.path]
        scope = enclosing_scope(text, s.line) if text is not None else None
        return scope is not None and scope.name.split(".")[-1] in names

    return sorted(suspects, key=lambda s: (-s.score, not in_focus(s)))
