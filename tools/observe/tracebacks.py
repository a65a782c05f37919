"""Turn the text of a Python traceback into :class:`~homeostasis.core.records.Frame` records.

Two layouts are understood, because pytest prints both even under ``--tb=native``:

* the interpreter's native layout (``File "x.py", line 3, in f`` followed by the source line and
  optional ``^~~`` caret lines), including chained exceptions ("During handling of the above
  exception…" / "The above exception was the direct cause…"), of which only the last traceback
  is kept, and ``SyntaxError`` location blocks (``File "x.py", line 3`` without a function);
* pytest's short layout used for collection errors (``path.py:3: in f``, an indented source
  line, ``???`` when the source is unavailable, and the exception on ``E   `` lines — which may
  itself hold a native ``SyntaxError`` location block).
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path, PurePosixPath

from homeostasis.core.project import IGNORED_DIRS, is_test_path
from homeostasis.core.records import Frame

_CHAIN_MARKERS = (
    "During handling of the above exception, another exception occurred:",
    "The above exception was the direct cause of the following exception:",
)
_NATIVE_FRAME = re.compile(r'^\s+File "(?P<path>.+?)", line (?P<line>\d+)(?:, in (?P<func>.+))?$')
_SHORT_FRAME = re.compile(r"^(?P<path>\S.*?):(?P<line>\d+): in (?P<func>.+)$")
_E_PREFIX = re.compile(r"^E(?: {3}|\s*$)")
_CARETS = re.compile(r"^[\s^~]+$")
_SEPARATOR = re.compile(r"^(?:={5,}|-{5,}|_{5,})")
_EXCEPTION = re.compile(r"^(?P<type>[A-Za-z_][\w.]*)(?::(?: (?P<msg>.*))?)?$")
_NOT_PROJECT = frozenset({"site-packages", "dist-packages"}) | IGNORED_DIRS


def project_relpath(path: str, root: Path) -> str | None:
    """The POSIX path of ``path`` relative to ``root`` when it names a file of the project, else
    None. Relative paths are taken relative to ``root``. Files under site-packages, a virtualenv
    or an ignored folder are not project files. Both the literal and the symlink-resolved forms
    are compared, so ``/tmp/p/x.py`` matches a root given as ``/private/tmp/p``."""
    if not path or path.startswith("<"):
        return None
    candidate = Path(path) if os.path.isabs(path) else root / path
    rel: PurePosixPath | None = None
    for file, base in (
        (Path(os.path.normpath(candidate)), Path(os.path.normpath(root.absolute()))),
        (candidate.resolve(), root.resolve()),
    ):
        try:
            rel = PurePosixPath(file.relative_to(base).as_posix())
            break
        except ValueError:
            continue
    if rel is None or not rel.parts:
        return None
    if any(p in _NOT_PROJECT or p.endswith(".egg-info") for p in rel.parts[:-1]):
        return None
    return str(rel)


def parse_traceback(text: str, root: Path) -> tuple[tuple[Frame, ...], str, str]:
    """Parse a traceback into ``(frames, exc_type, message)``.

    ``frames`` run outermost to innermost; a ``SyntaxError`` location becomes the innermost frame
    (with an empty function name). Frames in the project (see :func:`project_relpath`) carry a
    root-relative path and ``is_test`` from :func:`is_test_path`; other frames keep the path as
    printed. ``exc_type`` is the exception's (possibly dotted) name, or ``""`` when the text ends
    in something that is not an exception line, in which case ``message`` is that last line.
    A multi-line message (e.g. an assertion diff) is kept whole.
    """
    lines = _last_chain_segment(text.splitlines())
    raw_frames: list[tuple[str, int, str, str]] = []
    prelude: list[str] = []
    exc_lines: list[str] = []
    for raw in lines:
        e_match = _E_PREFIX.match(raw)
        line = raw[e_match.end():] if e_match else raw
        if exc_lines:
            if _SEPARATOR.match(line):  # pytest's "--- Captured stdout ---", a runner's rule
                break
            exc_lines.append(line)
            continue
        frame = _NATIVE_FRAME.match(line) or (None if e_match else _SHORT_FRAME.match(line))
        if frame:
            func = frame.group("func") or ""
            raw_frames.append((frame.group("path"), int(frame.group("line")), func, ""))
        elif not line.strip() or line.startswith("Traceback (most recent call last)"):
            continue
        elif line[0].isspace():
            if raw_frames and not raw_frames[-1][3] and not _is_noise(line):
                path, lineno, func, _ = raw_frames[-1]
                raw_frames[-1] = (path, lineno, func, line.strip())
        elif raw_frames:
            exc_lines.append(line)
        else:
            prelude.append(line)
    exc_type, message = _split_exception(exc_lines or prelude[-1:])
    frames = tuple(_frame(path, lineno, func, source, root) for path, lineno, func, source
                   in raw_frames)
    return frames, exc_type, message


def _last_chain_segment(lines: list[str]) -> list[str]:
    """The lines after the last chained-exception marker (all lines when there is none)."""
    for i in range(len(lines) - 1, -1, -1):
        stripped = _E_PREFIX.sub("", lines[i]).strip()
        if stripped in _CHAIN_MARKERS:
            return lines[i + 1:]
    return lines


def _is_noise(line: str) -> bool:
    text = line.strip()
    return bool(_CARETS.match(line)) or text == "???" or text.startswith("[Previous line")


def _split_exception(lines: list[str]) -> tuple[str, str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    if not lines:
        return "", ""
    match = _EXCEPTION.match(lines[0].strip())
    if match is None:
        return "", lines[-1].strip()
    message = "\n".join([match.group("msg") or "", *lines[1:]]).strip("\n")
    return match.group("type"), message.rstrip()


def _frame(path: str, line: int, function: str, source: str, root: Path) -> Frame:
    rel = project_relpath(path, root)
    frame = Frame(path=path, line=line, function=function, in_project=False, source=source)
    if rel is None:
        return frame
    return replace(frame, path=rel, in_project=True, is_test=is_test_path(rel))
