"""Apply search/replace edits to file texts, all or nothing.

Each edit's SEARCH text must be found exactly once in its file. Models copy code imperfectly,
so the match is tried with growing tolerance, stopping at the first stage that finds anything:

1. the exact text (anywhere, even mid-line);
2. whole lines, ignoring trailing whitespace;
3. whole lines whose indentation is off by the same amount throughout (the REPLACE lines are
   re-indented by that amount, as Aider does);
4. stages 2-3 again with blank lines trimmed from both ends of SEARCH (and as many from the
   ends of REPLACE).

A stage that finds several places is an error rather than a guess. A file with ``\\r\\n``
newlines keeps them, and a file that lacks a final newline still lacks one.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping, Sequence

from homeostasis.core.errors import HomeostasisError
from homeostasis.core.records import Edit

#: Turns REPLACE lines into the lines to write (as they are, or re-indented).
_Fix = Callable[[list[str]], list[str]]


class EditError(HomeostasisError):
    """An edit could not be applied; ``path`` is the file it was meant for."""

    def __init__(self, path: str, message: str, hint: str = "") -> None:
        super().__init__(message, hint)
        self.path = path


class NoMatchError(EditError):
    """The SEARCH text is not in the file, even loosely; the message shows the closest lines."""


class AmbiguousMatchError(EditError):
    """The SEARCH text is in the file more than once; the message gives the line numbers."""


class MissingFileError(EditError):
    """The file does not exist and the edit, having a SEARCH text, cannot create it."""


def apply_edits(files: Mapping[str, str], edits: Sequence[Edit]) -> dict[str, str]:
    """The new text of every file the edits touch (path → text), edits applied in order.

    ``files`` maps project-relative paths to current texts; it is not modified. Later edits
    see the results of earlier ones. An edit with an empty SEARCH creates a file missing from
    ``files`` or appends to an existing one. If any edit fails, an :class:`EditError` is
    raised and nothing is returned, so a caller never sees a half-applied set.
    """
    new: dict[str, str] = {}
    for edit in edits:
        text = new.get(edit.path, files.get(edit.path))
        if text is None:
            if edit.search.strip():
                raise MissingFileError(
                    edit.path,
                    f"{edit.path} does not exist",
                    "only an edit with an empty SEARCH block can create a file",
                )
            text = ""
        new[edit.path] = apply_edit(text, edit)
    return new


def apply_edit(text: str, edit: Edit) -> str:
    """``text`` (the current content of ``edit.path``) with the edit applied.

    Raises :class:`NoMatchError` or :class:`AmbiguousMatchError` when the SEARCH text is not
    found exactly once.
    """
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
    body = text.replace("\r\n", "\n") if crlf else text
    search = edit.search.replace("\r\n", "\n")
    replace = edit.replace.replace("\r\n", "\n")
    result = _replace(body, search, replace, edit.path)
    return result.replace("\n", "\r\n") if crlf else result


def _replace(text: str, search: str, replace: str, path: str) -> str:
    if not search.strip():
        return text + ("\n" if text and not text.endswith("\n") else "") + replace
    count = text.count(search)
    if count == 1:
        return text.replace(search, replace, 1)
    if count > 1:
        raise _ambiguous(path, _occurrences(text, search))
    lines = _split(text)
    for search_lines, replace_lines in _variants(search, replace):
        n = len(search_lines)
        for matcher in (_match_stripped, _match_reindented):
            found: list[tuple[int, _Fix]] = []
            for i in range(len(lines) - n + 1):
                fix = matcher(lines[i:i + n], search_lines)
                if fix is not None:
                    found.append((i, fix))
            if len(found) > 1:
                raise _ambiguous(path, [i + 1 for i, _ in found])
            if found:
                start, fix = found[0]
                return _splice(lines, start, n, fix(replace_lines))
    raise _no_match(path, lines, _split(search))


def _split(text: str) -> list[str]:
    """The lines of ``text``, each keeping its newline (only ``\\n`` ends a line)."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _bare(text: str) -> list[str]:
    """The lines of ``text`` without their newlines."""
    return text.removesuffix("\n").split("\n") if text else []


def _variants(search: str, replace: str) -> Iterator[tuple[list[str], list[str]]]:
    """The SEARCH/REPLACE lines as given, then (if different) with blank lines trimmed from the
    ends of SEARCH and up to as many from the same ends of REPLACE."""
    s, r = _bare(search), _bare(replace)
    yield s, r
    lead = next(i for i, line in enumerate(s) if line.strip())
    trail = next(i for i, line in enumerate(reversed(s)) if line.strip())
    if lead or trail:
        r_lead = next((i for i, line in enumerate(r) if line.strip()), len(r))
        r = r[min(lead, r_lead):]
        r_trail = next((i for i, line in enumerate(reversed(r)) if line.strip()), len(r))
        yield s[lead:len(s) - trail], r[:len(r) - min(trail, r_trail)]


def _same(lines: list[str]) -> list[str]:
    return lines


def _match_stripped(window: list[str], search: list[str]) -> _Fix | None:
    """Lines equal but for trailing whitespace."""
    if all(f.rstrip() == s.rstrip() for f, s in zip(window, search, strict=True)):
        return _same
    return None


def _match_reindented(window: list[str], search: list[str]) -> _Fix | None:
    """Lines equal but for one indentation prefix the file has more (or less) of throughout;
    the fix adds (or removes) that prefix on the REPLACE lines."""
    offset: tuple[str, bool] | None = None  # (prefix, file is indented deeper)
    for f, s in zip(window, search, strict=True):
        f, s = f.rstrip(), s.rstrip()
        if not f or not s:
            if f or s:
                return None
            continue
        f_body, s_body = f.lstrip(), s.lstrip()
        if f_body != s_body:
            return None
        f_indent, s_indent = f[:len(f) - len(f_body)], s[:len(s) - len(s_body)]
        if f_indent.endswith(s_indent):
            here = (f_indent[:len(f_indent) - len(s_indent)], True)
        elif s_indent.endswith(f_indent):
            here = (s_indent[:len(s_indent) - len(f_indent)], False)
        else:
            return None
        if offset is None:
            offset = here
        elif here != offset:
            return None
    if offset is None:
        return None
    prefix, deeper = offset

    def reindent(lines: list[str]) -> list[str]:
        if deeper:
            return [prefix + line if line.strip() else line for line in lines]
        return [line[len(prefix):] if line.startswith(prefix) else line.lstrip() for line in lines]

    return reindent


def _splice(lines: list[str], start: int, n: int, new_lines: list[str]) -> str:
    """``lines`` with ``lines[start:start+n]`` replaced by ``new_lines``; the last new line
    ends the way the last replaced line did (so a missing final newline stays missing)."""
    last = lines[start + n - 1]
    ending = last[len(last.rstrip("\r\n")):]
    newline = "\r\n" if ending == "\r\n" else "\n"
    middle = newline.join(new_lines) + ending if new_lines else ""
    return "".join(lines[:start]) + middle + "".join(lines[start + n:])


def _occurrences(text: str, search: str) -> list[int]:
    """The 1-based line numbers where each non-overlapping occurrence of ``search`` starts."""
    found, pos = [], text.find(search)
    while pos != -1:
        found.append(text.count("\n", 0, pos) + 1)
        pos = text.find(search, pos + len(search))
    return found


def _ambiguous(path: str, lines: list[int]) -> AmbiguousMatchError:
    where = ", ".join(str(n) for n in lines)
    return AmbiguousMatchError(
        path,
        f"SEARCH block matches {len(lines)} places in {path} (lines {where})",
        "add surrounding lines to the SEARCH block so that it matches one place",
    )


def _no_match(path: str, lines: list[str], search: list[str]) -> NoMatchError:
    hint = "copy the SEARCH lines exactly from the file"
    if not lines:
        return NoMatchError(path, f"no match for SEARCH block in {path}; the file is empty", hint)
    start, end = _closest(lines, search)
    shown = "".join(lines[start:end]).rstrip("\n")
    return NoMatchError(
        path,
        f"no match for SEARCH block in {path}; closest lines {start + 1}-{end}:\n{shown}",
        hint,
    )


def _closest(lines: list[str], search: list[str]) -> tuple[int, int]:
    """The [start, end) slice of ``lines`` most like ``search``, over windows of its size."""
    size = min(len(search), len(lines))
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2("\n".join(line.rstrip() for line in search))
    best, best_start = -1.0, 0
    for start in range(len(lines) - size + 1):
        matcher.set_seq1("\n".join(line.rstrip() for line in lines[start:start + size]))
        if matcher.real_quick_ratio() <= best or matcher.quick_ratio() <= best:
            continue
        ratio = matcher.ratio()
        if ratio > best:
            best, best_start = ratio, start
    return best_start, best_start + size
