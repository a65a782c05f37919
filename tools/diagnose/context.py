"""Choose the source a proposer sees: the suspect code, the failing tests, and the project
definitions the suspect code uses, fitted to a token budget."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal

from homeostasis.core.project import is_test_path, iter_python_files, read_source
from homeostasis.core.records import Context, Failure, Snippet, Suspect
from homeostasis.models.tokens import estimate_tokens
from homeostasis.tools.diagnose.syntax_tree import (
    Definition,
    definitions,
    enclosing_scope,
    identifiers_in,
)

SnippetKind = Literal["suspect", "test", "definition"]

log = logging.getLogger(__name__)

#: Lines shown on each side of a suspect line that is not inside any function or class.
MODULE_WINDOW = 15


def build_context(
    root: Path, suspects: Sequence[Suspect], failures: Sequence[Failure], budget: int = 6000
) -> Context:
    """The snippets to show for these suspects and failures, within ``budget`` tokens.

    In priority order: the function/class around each suspect (most suspicious first; lines
    around the suspect when it is at module level), the source of each failing test, then the
    project definitions (outside tests) of names the suspect snippets use. Snippets are added
    in that order while they fit; a suspect scope too big for what is left is cut to a window
    around the suspect line. ``Context.dropped`` counts snippets left out for lack of budget,
    ``Context.tokens`` is the estimated size of the snippet texts. A snippet whose lines are
    already shown is skipped (not counted as dropped), and so are files that cannot be read
    (each said in one line).
    """
    files = _Files(root)
    packer = _Packer(files, budget)
    scopes: set[tuple[str, int, int]] = set()
    for suspect in sorted(suspects, key=lambda s: (-s.score, s.path, s.line)):
        snippet = _suspect_snippet(files, suspect)
        if snippet is None or (snippet.path, snippet.start, snippet.end) in scopes:
            continue
        scopes.add((snippet.path, snippet.start, snippet.end))
        if not packer.covers(snippet):
            packer.add(snippet, focus=suspect.line)
    for failure in failures:
        snippet = _test_snippet(files, failure.test_id)
        if snippet is not None and not packer.covers(snippet):
            packer.add(snippet)
    for snippet in _definition_snippets(files, [s for s in packer.snippets if s.kind == "suspect"]):
        if not packer.overlaps(snippet):
            packer.add(snippet)
    return Context(tuple(packer.snippets), packer.tokens, budget, packer.dropped)


class _Files:
    """Project files by root-relative POSIX path, read once; None for unreadable ones."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._texts: dict[str, str | None] = {}
        self._lines: dict[str, list[str]] = {}

    def text(self, path: str) -> str | None:
        """The file's text; None, said once in one line, when it cannot be read."""
        if path not in self._texts:
            self._texts[path] = read_source(
                self.root / path, path,
                lambda why: log.warning("%s; it is left out of the context", why))
        return self._texts[path]

    def lines(self, path: str) -> list[str]:
        """The file's lines with their endings (split on ``\\n`` only, like tree-sitter)."""
        if path not in self._lines:
            parts = (self.text(path) or "").split("\n")
            ends = [part + "\n" for part in parts[:-1]]
            self._lines[path] = [*ends, parts[-1]] if parts[-1] else ends
        return self._lines[path]

    def snippet(self, path: str, start: int, end: int, kind: SnippetKind, name: str) -> Snippet:
        text = "".join(self.lines(path)[start - 1 : end])
        return Snippet(path, start, end, text, kind, name)

    def sources(self) -> Iterator[tuple[str, str]]:
        """(path, text) of every decodable non-test Python file, in a stable order."""
        for file in iter_python_files(self.root):
            path = file.relative_to(self.root).as_posix()
            text = self.text(path)
            if text is not None and not is_test_path(path):
                yield path, text


class _Packer:
    """Snippets accepted so far, in priority order, and what they cost."""

    def __init__(self, files: _Files, budget: int) -> None:
        self.files = files
        self.budget = budget
        self.snippets: list[Snippet] = []
        self.tokens = 0
        self.dropped = 0

    def covers(self, snippet: Snippet) -> bool:
        return any(
            s.path == snippet.path and s.start <= snippet.start and snippet.end <= s.end
            for s in self.snippets
        )

    def overlaps(self, snippet: Snippet) -> bool:
        return any(
            s.path == snippet.path and s.start <= snippet.end and snippet.start <= s.end
            for s in self.snippets
        )

    def add(self, snippet: Snippet, focus: int | None = None) -> None:
        """Add ``snippet`` if it fits; else, given a ``focus`` line, the widest window of it
        around that line that fits; else count it as dropped."""
        room = self.budget - self.tokens
        if estimate_tokens(snippet.text) > room:
            window = None if focus is None else _window(self.files, snippet, focus, room)
            if window is None:
                self.dropped += 1
                return
            snippet = window
        self.snippets.append(snippet)
        self.tokens += estimate_tokens(snippet.text)


def _window(files: _Files, snippet: Snippet, focus: int, room: int) -> Snippet | None:
    """The widest part of ``snippet`` centred on line ``focus`` costing at most ``room`` tokens,
    or None when not even the focus line fits."""

    def cut(radius: int) -> Snippet:
        start, end = max(snippet.start, focus - radius), min(snippet.end, focus + radius)
        return files.snippet(snippet.path, start, end, snippet.kind, snippet.name)

    low, high = -1, max(focus - snippet.start, snippet.end - focus)
    while low < high:  # largest radius whose window fits; -1 when none does
        mid = (low + high + 1) // 2
        if estimate_tokens(cut(mid).text) <= room:
            low = mid
        else:
            high = mid - 1
    return cut(low) if low >= 0 else None


def _suspect_snippet(files: _Files, suspect: Suspect) -> Snippet | None:
    text = files.text(suspect.path)
    count = len(files.lines(suspect.path))
    if text is None or not 1 <= suspect.line <= count:
        return None
    scope = enclosing_scope(text, suspect.line)
    if scope is not None:
        start, end, name = scope.start_line, scope.end_line, scope.name
    else:
        start, end = max(1, suspect.line - MODULE_WINDOW), min(count, suspect.line + MODULE_WINDOW)
        name = suspect.function or "<module>"
    return files.snippet(suspect.path, start, end, "suspect", name)


def _test_snippet(files: _Files, test_id: str) -> Snippet | None:
    """The test function a pytest node id names (parametrization ignored), if it is found."""
    path, sep, rest = test_id.partition("::")
    text = files.text(path) if sep else None
    if text is None:
        return None
    parts = rest.split("[", 1)[0].split("::")
    functions = [d for d in definitions(text) if d.kind == "function"]
    exact = [d for d in functions if d.name == ".".join(parts)]
    named = exact or [d for d in functions if d.short_name == parts[-1]]
    if not named:
        return None
    found = named[0]
    return files.snippet(path, found.start_line, found.end_line, "test", found.name)


def _definition_snippets(files: _Files, shown: Sequence[Snippet]) -> list[Snippet]:
    """Definitions of names used in ``shown``, grouped by the snippet that uses them (in
    order), same-file definitions before others within a group."""
    used = [identifiers_in(files.text(s.path) or "", s.start, s.end) for s in shown]
    wanted = set().union(*used)
    index: dict[str, list[tuple[str, Definition]]] = {}
    if wanted:
        for path, text in files.sources():
            for found in definitions(text):
                if found.short_name in wanted:
                    index.setdefault(found.short_name, []).append((path, found))
    result: list[Snippet] = []
    seen: set[tuple[str, int, int]] = set()
    for snippet, names in zip(shown, used, strict=True):
        matches = [match for name in names for match in index.get(name, [])]
        matches.sort(key=lambda m: (m[0] != snippet.path, m[0], m[1].start_line, m[1].name))
        for path, found in matches:
            key = (path, found.start_line, found.end_line)
            if key not in seen:
                seen.add(key)
                result.append(files.snippet(path, *key[1:], "definition", found.name))
    return result
