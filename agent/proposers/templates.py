"""The template proposer: small, classic mutations of the suspect lines, needing no model.

For each suspect (most suspicious first) in a project source file, every node on the suspect
line is fed to the operator families of :mod:`homeostasis.proposers.mutations`; the resulting
single edits are ordered by how often such a fix is the right one (boundary swaps, then
off-by-one nudges, then the rest) and offered as candidates, skipping any that does not parse
or that is the same program as one already offered.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from homeostasis.proposers.base import RepairTask
from homeostasis.proposers.mutations import OPERATORS, Mutation, Source
from homeostasis.proposers.syntax_repair import syntax_repairs
from homeostasis.records import Candidate, Suspect
from homeostasis.tools.edits.diff import edit_from_texts, unified_diff
from homeostasis.tools.project import is_test_path, read_source

_SHOWN_WIDTH = 80


@dataclass(frozen=True)
class _Module:
    source: Source
    tree: ast.Module


def _parse(text: str) -> ast.Module | None:
    """The module's AST, or None when the text is not valid Python."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ast.parse(text)
        except (SyntaxError, ValueError):
            return None


def _region(tree: ast.Module, line: int) -> tuple[int, int]:
    """The lines a suspect on ``line`` covers: the whole of a simple statement starting there,
    the header of a compound statement starting there, else the line alone."""
    end = line
    for node in ast.walk(tree):
        if not isinstance(node, ast.stmt) or node.lineno != line:
            continue
        children = list(ast.iter_child_nodes(node))
        header = [
            c for c in children if not isinstance(c, (ast.stmt, ast.excepthandler, ast.match_case))
        ]
        if len(header) == len(children):  # a simple statement: all of it
            end = max(end, node.end_lineno or line)
        else:  # a compound statement: its header only
            ends = (getattr(n, "end_lineno", None) for c in header for n in ast.walk(c))
            end = max([end, *(e for e in ends if isinstance(e, int))])
    return line, end


def _function_at(tree: ast.Module, line: int) -> str:
    """The name of the innermost function enclosing ``line`` ("" at module level)."""
    name = ""
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
            node.lineno <= line <= (node.end_lineno or node.lineno)
        ):
            name = node.name  # ast.walk is breadth-first, so later matches are inner ones
    return name


def mutations_at(source: Source, tree: ast.Module, line: int) -> list[Mutation]:
    """Every mutation of the nodes on a suspect line, likeliest first, left to right."""
    first, last = _region(tree, line)
    # Python 3.11 gives the nodes inside f-strings unreliable positions: leave them alone.
    in_fstrings = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for inner in ast.walk(node)
        if inner is not node
    }
    found = [
        mutation
        for node in ast.walk(tree)
        if first <= getattr(node, "lineno", 0) <= last and id(node) not in in_fstrings
        for operator in OPERATORS
        for mutation in operator(node, source)
    ]
    return sorted(found, key=lambda m: (m.tier, m.start, m.rank, m.end))


def _editable(path: str) -> bool:
    """Whether a candidate may edit ``path``: a project source file, not a test."""
    posix = PurePosixPath(path)
    return not (is_test_path(path) or posix.is_absolute() or ".." in posix.parts)


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SHOWN_WIDTH else flat[: _SHOWN_WIDTH - 1] + "…"


class TemplateProposer:
    """Proposes single-edit mutations (operator swaps, ±1, negations, argument swaps) of the
    suspect lines of a failing project, offline and deterministically."""

    name = "templates"

    def propose(self, task: RepairTask, budget: int) -> Iterator[Candidate]:
        """Yield at most ``budget`` parseable, mutually distinct candidates, each a single
        exact text edit of one non-test source file, best-first."""
        if budget <= 0:
            return
        modules: dict[str, _Module | None] = {}
        seen: dict[str, set[str]] = {}
        done: set[tuple[str, int]] = set()
        count = 0
        for suspect in sorted(task.suspects, key=lambda s: -s.score):
            if (suspect.path, suspect.line) in done:
                continue
            done.add((suspect.path, suspect.line))
            if suspect.source == "syntax":
                for candidate in self._syntax_candidates(task.root, suspect, count):
                    count += 1
                    yield candidate
                    if count >= budget:
                        return
                continue
            if suspect.path not in modules:
                modules[suspect.path] = self._load(task.root, suspect.path)
            module = modules[suspect.path]
            if module is None:
                continue
            dumps = seen.setdefault(suspect.path, {ast.dump(module.tree)})
            for mutation in mutations_at(module.source, module.tree, suspect.line):
                old = module.source.text
                new = old[: mutation.start] + mutation.replacement + old[mutation.end :]
                tree = _parse(new)
                if tree is None or (dump := ast.dump(tree)) in dumps:
                    continue
                dumps.add(dump)
                count += 1
                yield self._candidate(count, suspect, module, mutation, new)
                if count >= budget:
                    return

    @staticmethod
    def _syntax_candidates(root: Path, suspect: Suspect, count: int) -> Iterator[Candidate]:
        """Candidates that make a file which does not parse compile again."""
        if not _editable(suspect.path):
            return
        old = read_source(root / suspect.path)
        if old is None:
            return
        for what, line, new in syntax_repairs(old, suspect.line):
            count += 1
            yield Candidate(
                id=f"t{count:03d}",
                proposer="templates",
                edits=(edit_from_texts(suspect.path, old, new),),
                description=f"{suspect.path}:{line}: {what} (syntax repair)",
                diff=unified_diff(suspect.path, old, new),
                meta={"template": "syntax", "suspect_score": suspect.score},
            )

    @staticmethod
    def _load(root: Path, path: str) -> _Module | None:
        """The parsed source of a project file a candidate may edit, or None."""
        if not _editable(path):
            return None
        text = read_source(root / path)
        tree = None if text is None else _parse(text)
        return None if text is None or tree is None else _Module(Source(text), tree)

    @staticmethod
    def _candidate(
        number: int, suspect: Suspect, module: _Module, mutation: Mutation, new: str
    ) -> Candidate:
        old = module.source.text
        lo, hi = mutation.shown
        before = old[lo:hi]
        after = old[lo : mutation.start] + mutation.replacement + old[mutation.end : hi]
        function = _function_at(module.tree, suspect.line) or suspect.function
        where = f"{suspect.path}:{suspect.line}" + (f" in {function}" if function else "")
        return Candidate(
            id=f"t{number:03d}",
            proposer="templates",
            edits=(edit_from_texts(suspect.path, old, new),),
            description=(
                f"{where}: `{_shorten(before)}` → `{_shorten(after)}` "
                f"({mutation.family}; suspect score {suspect.score:.2f})"
            ),
            diff=unified_diff(suspect.path, old, new),
            meta={"template": mutation.family, "suspect_score": suspect.score},
        )
