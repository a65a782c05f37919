"""Parse a model's reply into :class:`Edit` records.

Models write edits in the SEARCH/REPLACE block format they already know (Aider's "editblock"
format)::

    path/to/file.py
    ```python
    <<<<<<< SEARCH
    old lines
    =======
    new lines
    >>>>>>> REPLACE
    ```

The parser is lenient about everything around the markers: prose before, between and after
blocks; fences or none; the file path bare, in backticks, bold, with a trailing colon, inside
the fence, or named in a short prose line just before the block; and a block with no path of
its own reuses the previous block's path. Marker lines may have 5-9 ``<``/``=``/``>`` and
trailing spaces. Broken blocks are reported in :attr:`ParseResult.errors` and skipped; the
good blocks of the same reply are still returned.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from homeostasis.core.records import Edit

_HEAD = re.compile(r"^<{5,9}\s*SEARCH\s*$")
_DIVIDER = re.compile(r"^={5,9}\s*$")
_TAIL = re.compile(r"^>{5,9}\s*REPLACE\s*$")
_MARKERS = (_HEAD, _DIVIDER, _TAIL)
_FENCE = re.compile(r"^\s*(?:`{3,}|~{3,})")
_LABEL = re.compile(r"^(?:file(?:name)?|path)\s*:\s*", re.IGNORECASE)
_PATH_CHARS = re.compile(r"[\w.\-/\\+@]+")
_SUFFIX = re.compile(r"\w\.\w+$")
_BACKTICKED = re.compile(r"`([^`\s]+)`")
#: How many non-blank, non-fence lines before a block are searched for its file path.
_LOOKBACK = 3
#: Extensions trusted when a path is only mentioned in prose ("Now fix `app.py`:").
_PROSE_SUFFIXES = frozenset(
    {".py", ".pyi", ".pyx", ".txt", ".md", ".rst", ".toml", ".cfg", ".ini", ".json", ".yaml",
     ".yml", ".csv", ".html", ".js", ".ts", ".sh", ".c", ".h"}
)


@dataclass(frozen=True)
class ParseResult:
    """The edits found in a reply, in reply order, and one message per problem found.

    Each error names the 1-based block it is about (``"block 2: SEARCH without =======
    divider"``); a reply with no blocks at all gives the single error ``"reply contains no
    SEARCH/REPLACE blocks"``.
    """

    edits: tuple[Edit, ...] = ()
    errors: tuple[str, ...] = ()


def parse_edits(reply: str) -> ParseResult:
    """Every SEARCH/REPLACE block of ``reply`` as an :class:`Edit`, plus the errors met.

    Paths come back POSIX and project-relative (``./`` and ``a/../`` folded away); absolute
    paths and paths leading out of the project are errors. SEARCH and REPLACE texts end with a
    newline unless empty; a blank SEARCH section becomes ``""``, which means "create the file,
    or append to it".
    """
    lines = reply.replace("\r\n", "\n").split("\n")
    edits: list[Edit] = []
    errors: list[str] = []
    previous: str | None = None
    block = 0
    context_start = 0
    i = 0
    while i < len(lines):
        if not _HEAD.match(lines[i]):
            i += 1
            continue
        block += 1
        named = _find_path(lines[context_start:i])
        previous = named or previous
        search, i, ok = _read_section(lines, i + 1, _DIVIDER)
        if not ok:
            errors.append(f"block {block}: SEARCH without ======= divider")
            context_start = i
            continue
        replace, i, ok = _read_section(lines, i + 1, _TAIL)
        if not ok:
            found = "a second =======" if i < len(lines) and _DIVIDER.match(lines[i]) else "no"
            errors.append(f"block {block}: {found} divider before >>>>>>> REPLACE")
            context_start = i
            continue
        i += 1
        context_start = i
        if previous is None:
            errors.append(f"block {block}: no file path before the block")
            continue
        path, problem = _normalise(previous)
        if path is None:
            errors.append(f"block {block}: {problem}")
            continue
        search_text = _join(search)
        edits.append(Edit(path, search_text if search_text.strip() else "", _join(replace)))
    if block == 0:
        errors.append("reply contains no SEARCH/REPLACE blocks")
    return ParseResult(tuple(edits), tuple(errors))


def _read_section(
    lines: list[str], start: int, end: re.Pattern[str]
) -> tuple[list[str], int, bool]:
    """The lines from ``start`` up to the next marker line, that marker's index, and whether
    the marker was ``end`` (False also when the reply ran out)."""
    for j in range(start, len(lines)):
        if end.match(lines[j]):
            return lines[start:j], j, True
        if any(marker.match(lines[j]) for marker in _MARKERS):
            return lines[start:j], j, False
    return lines[start:], len(lines), False


def _join(lines: list[str]) -> str:
    return "\n".join(lines) + "\n" if lines else ""


def _find_path(context: list[str]) -> str | None:
    """The file path named in the lines just before a block (nearest first), if any."""
    seen = 0
    for line in reversed(context):
        if not line.strip():
            continue
        path = _path_in(line, nearest=seen == 0)
        if path is not None:
            return path
        if not _FENCE.match(line):
            seen += 1
            if seen >= _LOOKBACK:
                break
    return None


def _path_in(line: str, nearest: bool) -> str | None:
    """The path a line names: the whole line once decorations are stripped, or, for the line
    right before the block, the one backticked source-file name in a prose sentence."""
    text = line.strip()
    fence = _FENCE.match(text)
    if fence:
        text = text[fence.end():]
    text = _LABEL.sub("", text.strip().lstrip("#").strip())
    token = text.strip("`*:'\" ")
    if _looks_like_path(token):
        return token
    if nearest and not fence:
        named: set[str] = {
            t for t in _BACKTICKED.findall(line)
            if _looks_like_path(t) and ("/" in t or posixpath.splitext(t)[1] in _PROSE_SUFFIXES)
        }
        if len(named) == 1:
            return named.pop()
    return None


def _looks_like_path(token: str) -> bool:
    return (
        bool(_PATH_CHARS.fullmatch(token))
        and not token.endswith(("/", "\\"))
        and ("/" in token or "\\" in token or bool(_SUFFIX.search(token)))
    )


def _normalise(raw: str) -> tuple[str | None, str]:
    """``raw`` as a POSIX project-relative path, or None and why it cannot be one."""
    path = raw.replace("\\", "/")
    if path.startswith("/") or re.match(r"^[A-Za-z]:/", path):
        return None, f"path {raw!r} is absolute; use a path relative to the project root"
    path = posixpath.normpath(path)
    if path == ".." or path.startswith("../"):
        return None, f"path {raw!r} leads outside the project"
    return path, ""
