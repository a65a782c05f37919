"""Source that does not parse: the line a SyntaxError names (and the line before
it, where an unclosed bracket or a missing colon usually is) is edited in the few ways such
faults are usually fixed, and only edits after which the whole file compiles are kept."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from itertools import chain

_COMPOUND = re.compile(
    r"^\s*(async\s+)?(if|elif|else|for|while|def|class|with|try|except|finally|match|case)\b"
)
_HEADER = re.compile(r"^\s*(if|elif|while)\b")
_LONE_EQUALS = re.compile(r"(?<![=<>!:])=(?!=)")
_PAIRS = {"(": ")", "[": "]", "{": "}"}
_REACH = 20  # lines after an unclosed bracket searched for where it should close


def compiles(text: str) -> bool:
    """Whether ``text`` is valid Python."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(text, "<candidate>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            return False
    return True


def _code_and_comment(line: str) -> tuple[str, str]:
    """Split off a trailing comment, ignoring ``#`` inside string literals (roughly)."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            quote = "" if ch == quote and line[i - 1] != "\\" else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#":
            return line[:i].rstrip(), " " + line[i:]
    return line.rstrip(), ""


def _unbalanced(code: str) -> tuple[list[str], int]:
    """The brackets left open (innermost last) and the index of the first unmatched closer."""
    stack: list[str] = []
    for i, ch in enumerate(code):
        if ch in _PAIRS:
            stack.append(ch)
        elif ch in _PAIRS.values():
            if stack and _PAIRS[stack[-1]] == ch:
                stack.pop()
            else:
                return stack, i
    return stack, -1


def _line_fixes(line: str, previous: str) -> Iterator[tuple[str, str]]:
    """(what, new line) for one line, likeliest first."""
    code, comment = _code_and_comment(line)
    if _COMPOUND.match(code) and not code.endswith(":"):
        yield "add the missing ':'", code + ":" + comment
    if code.endswith(":") and not _COMPOUND.match(code) and not code.rstrip(":").endswith(
        ("lambda", "]")
    ):
        yield "remove the stray ':'", code[:-1] + comment
    if _HEADER.match(code) and _LONE_EQUALS.search(code):
        yield "compare with '==' instead of assigning", _LONE_EQUALS.sub("==", code, 1) + comment
    opened, stray = _unbalanced(code)
    if stray >= 0:
        yield "remove the unmatched closing bracket", code[:stray] + code[stray + 1 :] + comment
    elif opened:
        closers = "".join(_PAIRS[b] for b in reversed(opened))
        body = code[:-1] if code.endswith(":") else code
        tail = ":" if code.endswith(":") else ""
        yield f"close the open bracket with '{closers}'", body + closers + tail + comment
    indent = len(previous) - len(previous.lstrip())
    stripped = line.lstrip()
    for width, what in ((indent, "align with the line above"),
                        (indent + 4, "indent under the line above"),
                        (max(indent - 4, 0), "dedent one level")):
        if len(line) - len(stripped) != width:
            yield f"{what} (indentation)", " " * width + stripped


def _close_later(lines: list[str], target: int) -> Iterator[tuple[str, int, str]]:
    """(what, line, new line) closing the brackets line ``target`` leaves open at the end of a
    later line of the same statement: Python names the line of an unclosed ``(`` even when the
    bracket spans several lines and the ``)`` belongs after the last of them."""
    stack: list[str] = []
    code, _ = _code_and_comment(lines[target - 1].rstrip("\r\n"))
    indent = len(code) - len(code.lstrip())
    for number in range(target, min(len(lines) + 1, target + _REACH)):
        raw = lines[number - 1].rstrip("\r\n")
        code, comment = _code_and_comment(raw)
        if number > target and code.strip() and len(code) - len(code.lstrip()) <= indent:
            return  # back at the statement's own level: the bracket ended before this line
        for ch in code:
            if ch in _PAIRS:
                stack.append(ch)
            elif ch in _PAIRS.values():
                if not stack or _PAIRS[stack[-1]] != ch:
                    return
                stack.pop()
        if not stack:
            return
        if number > target and code.strip():
            closers = "".join(_PAIRS[b] for b in reversed(stack))
            yield f"close the open bracket with '{closers}'", number, code + closers + comment


def syntax_repairs(text: str, line: int) -> Iterator[tuple[str, int, str]]:
    """(what was done, line edited, new text) for every repair near ``line`` after which the
    file compiles, likeliest first, without repeats."""
    lines = text.splitlines(keepends=True)
    seen: set[str] = set()
    for target in (line, line - 1):
        if not 1 <= target <= len(lines):
            continue
        previous = next((ln for ln in reversed(lines[: target - 1]) if ln.strip()), "")
        here = lines[target - 1].rstrip("\r\n")
        fixes = chain(
            ((what, target, fixed) for what, fixed in _line_fixes(here, previous.rstrip("\r\n"))),
            _close_later(lines, target),
        )
        for what, at, fixed in fixes:
            raw = lines[at - 1]
            ending = raw[len(raw.rstrip("\r\n")):]
            new = "".join(lines[: at - 1]) + fixed + ending + "".join(lines[at:])
            if new not in seen and compiles(new):
                seen.add(new)
                yield what, at, new
