"""What the offline engine can use of a developer's hint ("the bug is in check_stock",
"pricing.py:12", "quantities are inclusive").

A model reads a hint as words; the engine reads only what it can check against the project:

- ``path:line`` (the path as the project names it, a unique ending of it such as
  ``pricing.py:12``, or an absolute path as a traceback prints it, whose ending is a project
  file) makes that line the most suspicious, and the other statements of its function
  suspects after it;
- a function or method the project defines (``check_stock``, ``Cart.total``) makes each of
  its statements a suspect;
- a source file (``stock.py``, ``inventory/stock.py``) raises the suspects already in it, or,
  when there are none, makes the statements of its functions suspects;
- a few words name a kind of fault (:data:`KEYWORDS`, whole words, outside the paths a hint
  writes: "orders.py" and "the orders" say nothing of order) and raise the edits of that
  kind, as the failure's own evidence does (:class:`~.evidence.Evidence`).

Nothing here is keyed to a project: the names are looked up in the project's own files, and
the words in one small table. Tests are never suspects (candidates may not edit them).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from homeostasis.core.project import is_test_path, iter_python_files, parse_python, read_source
from homeostasis.core.records import Suspect
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates.evidence import Evidence

#: Words (lower case, matched as whole words) → the :class:`Evidence` finding they name.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "off_by_one": ("inclusive", "exclusive", "off by one", "off-by-one", "boundary",
                   "fencepost", "at least", "at most", "one too", "bound", "bounds"),
    "order": ("order", "swapped", "reversed", "backwards", "wrong sign", "the other way"),
    "truth": ("negate", "negated", "negation", "inverted", "opposite", "true", "false"),
    "none": ("none", "null"),
    "guard": ("none", "null", "empty", "missing check", "guard", "zero"),
}
#: The score of a line a hint names, of the other statements of its function and of a
#: function it names, and of the statements of a file it names (suspects are scored 0..1).
LINE_SCORE, AROUND_LINE, FUNCTION_SCORE, FILE_SCORE = 1.0, 0.7, 0.9, 0.5
#: Suspects already in a file a hint names are raised to at least this.
IN_NAMED_FILE = 0.9

#: ``path.py:12`` (pytest's form), or ``path.py", line 12`` (a Python traceback's).
_LOCATION = re.compile(r"(?P<path>[\w./-]+\.py)(?:(?::|\"?, line )(?P<line>\d+))?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class HintFocus:
    """What the hints say: suspects they name (most suspicious first), files they name, and
    the kinds of fault their words point at."""

    suspects: tuple[Suspect, ...] = ()
    files: frozenset[str] = frozenset()
    evidence: Evidence = field(default_factory=Evidence)

    def refocus(self, task: RepairTask) -> RepairTask:
        """``task`` with the named places first among its suspects and the suspects in named
        files raised."""
        if not self.suspects and not self.files:
            return task
        named = {(s.path, s.line) for s in self.suspects}
        kept = tuple(
            replace(s, score=max(s.score, IN_NAMED_FILE)) if s.path in self.files else s
            for s in task.suspects if (s.path, s.line) not in named)
        return replace(task, suspects=(*self.suspects, *kept))


@dataclass(frozen=True)
class _Module:
    path: str
    tree: ast.Module
    lines: int


def read_hints(hints: Sequence[str], root: Path, suspects: Sequence[Suspect] = ()) -> HintFocus:
    """The :class:`HintFocus` in ``hints`` for the project (a snapshot) at ``root``;
    ``suspects`` are the diagnosis', to tell whether a named file already holds some."""
    if not any(h.strip() for h in hints):
        return HintFocus()
    text = "\n".join(hints)
    words = {part for token in _NAME.findall(text) for part in (token, *token.split("."))}
    modules = _modules(root, text, words)
    found: list[Suspect] = []
    files: set[str] = set()
    for match in _LOCATION.finditer(text):
        module = _find_module(modules, match["path"])
        if module is None:
            continue
        if match["line"] and 1 <= int(match["line"]) <= module.lines:
            found += _around_line(module, int(match["line"]), match.group(0))
        else:
            files.add(module.path)
    for module in modules.values():
        for fn, qualified in _functions(module.tree):
            if fn.name in words or qualified in words:
                found += _statements(module, fn, FUNCTION_SCORE, f"named in a hint: {qualified}")
    for path in sorted(files - {s.path for s in suspects}):
        for fn, _ in _functions(modules[path].tree):
            found += _statements(modules[path], fn, FILE_SCORE, f"in {path}, named in a hint")
    return HintFocus(_distinct(found), frozenset(files), _evidence(text))


def _evidence(text: str) -> Evidence:
    lowered = " ".join(_LOCATION.sub(" ", text).lower().split())  # "order.py" is a name
    return Evidence(**{finding: any(re.search(rf"\b{re.escape(word)}\b", lowered)
                                    for word in words)
                       for finding, words in KEYWORDS.items()})


def _modules(root: Path, hints: str, words: set[str]) -> dict[str, _Module]:
    """The parseable source files of the project, not tests, that the hints may name, by
    relative path: those whose path ends a ``*.py`` the hints write, and those that define a
    function named by one of their words (found in the text first, so that a large project
    is not parsed whole)."""
    named = {m["path"].removeprefix("./") for m in _LOCATION.finditer(hints)}
    absolute = {n for n in named if n.startswith("/")}
    defines = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]+(?:"
                         + "|".join(map(re.escape, sorted(words))) + r")\b", re.MULTILINE)
    found = {}
    for file in iter_python_files(root):
        path = file.relative_to(root).as_posix()
        if is_test_path(path):
            continue
        text = read_source(file)
        if text is None or not (any(path == n or path.endswith("/" + n) for n in named)
                                or any(n.endswith("/" + path) for n in absolute)
                                or (words and defines.search(text))):
            continue
        tree = parse_python(text)
        if tree is not None:
            found[path] = _Module(path, tree, text.count("\n") + 1)
    return found


def _find_module(modules: dict[str, _Module], named: str) -> _Module | None:
    """The module ``named`` names: its path, or the one path ending with ``/named``; for an
    absolute path (a traceback's), the longest project path it ends with."""
    named = named.removeprefix("./")
    if named in modules:
        return modules[named]
    if named.startswith("/"):
        inside = [p for p in modules if named.endswith("/" + p)]
        return modules[max(inside, key=len)] if inside else None
    ending = [m for p, m in modules.items() if p.endswith("/" + named)]
    return ending[0] if len(ending) == 1 else None


def _functions(tree: ast.Module) -> Iterator[tuple[FunctionNode, str]]:
    """Every function of a module with its qualified name (``Cart.total``)."""
    def walk(body: Iterable[ast.stmt], prefix: str) -> Iterator[tuple[FunctionNode, str]]:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield node, prefix + node.name
                yield from walk(node.body, f"{prefix}{node.name}.")
            elif isinstance(node, ast.ClassDef):
                yield from walk(node.body, f"{prefix}{node.name}.")

    yield from walk(tree.body, "")


def _statements(module: _Module, fn: FunctionNode, score: float, reason: str
                ) -> list[Suspect]:
    """A suspect per statement line of ``fn`` (not its nested functions' own)."""
    lines = sorted({n.lineno for n in ast.walk(fn) if isinstance(n, ast.stmt) and n is not fn})
    return [Suspect(module.path, line, score, "hint", reason, fn.name) for line in lines]


def _around_line(module: _Module, line: int, said: str) -> list[Suspect]:
    """The line named, then the other statements of the innermost function holding it."""
    here = Suspect(module.path, line, LINE_SCORE, "hint", f"named in a hint: {said}")
    holders = [fn for fn, _ in _functions(module.tree)
               if fn.lineno <= line <= (fn.end_lineno or fn.lineno)]
    if not holders:
        return [here]
    fn = max(holders, key=lambda f: f.lineno)
    return [replace(here, function=fn.name),
            *_statements(module, fn, AROUND_LINE, f"in {fn.name}, as a line named in a hint")]


def _distinct(suspects: Iterable[Suspect]) -> tuple[Suspect, ...]:
    """One suspect per line, its highest-scored, most suspicious first (stable)."""
    best: dict[tuple[str, int], Suspect] = {}
    for s in suspects:
        key = (s.path, s.line)
        if key not in best or s.score > best[key].score:
            best[key] = s
    return tuple(sorted(best.values(), key=lambda s: -s.score))
