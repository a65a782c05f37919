"""What every template and operator yields: an exact text edit of Python source.

A :class:`Mutation` replaces a character span of the file; :class:`Source` turns AST positions
into those character offsets. Nothing here parses or checks an edit's result: the engine
(:mod:`homeostasis.propose.templates.engine`) does that.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

# Likelihood tiers: lower comes first among the mutations of one suspect line. EXHAUSTIVE
# holds the systematic single edits (every operator on every node, a template's edits past
# its cap): unlikely one by one, there so that no single edit of a suspect line is missed.
BOUNDARY, OFF_BY_ONE, NEGATION, OPERATOR, STRUCTURE, OTHER, EXHAUSTIVE = range(7)
#: How likely a fix of each tier is, relative to the others: a candidate's priority is its
#: suspect's score times this, so a likely edit at a less suspicious line can come before an
#: unlikely edit at the most suspicious one.
TIER_PRIOR = {BOUNDARY: 1.0, OFF_BY_ONE: 0.85, NEGATION: 0.7, OPERATOR: 0.6, STRUCTURE: 0.5,
              OTHER: 0.3, EXHAUSTIVE: 0.1}

NEWLINE = re.compile(r"\r\n|\r|\n")


class Source:
    """Python source text with conversions from AST positions to character offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0] + [m.end() for m in NEWLINE.finditer(text)]

    def line_start(self, lineno: int) -> int:
        """The character offset where 1-based line ``lineno`` starts (the text's length for a
        line past the end)."""
        return self._starts[lineno - 1] if lineno - 1 < len(self._starts) else len(self.text)

    def offset(self, lineno: int, col: int) -> int:
        """The character offset of AST position (``lineno``, UTF-8 byte column ``col``)."""
        start = self._starts[lineno - 1]
        end = self._starts[lineno] if lineno < len(self._starts) else len(self.text)
        return start + len(self.text[start:end].encode("utf-8")[:col].decode("utf-8", "ignore"))

    def span(self, node: ast.expr | ast.stmt) -> tuple[int, int]:
        """The character span ``(start, end)`` of a node."""
        end_lineno = node.end_lineno or node.lineno
        end_col = node.col_offset if node.end_col_offset is None else node.end_col_offset
        return self.offset(node.lineno, node.col_offset), self.offset(end_lineno, end_col)


@dataclass(frozen=True)
class Mutation:
    """Replace ``text[start:end]`` by ``replacement``. ``label`` names the kind of edit in the
    candidate's description, ``shown`` is the span of the enclosing node, quoted there, and
    ``tier`` the likelihood class (lower is likelier); None stands for the tier of the template
    that made it (:attr:`.registry.Template.tier`)."""

    start: int
    end: int
    replacement: str
    label: str
    shown: tuple[int, int]
    rank: int = 0
    tier: int | None = None
