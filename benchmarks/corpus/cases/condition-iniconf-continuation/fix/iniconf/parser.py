"""The INI syntax: [sections], key = value lines, comments, and continuation lines.

A line that starts with whitespace continues the value of the key above it; the parts
are joined with newlines.
"""

from __future__ import annotations


class ParseError(ValueError):
    def __init__(self, lineno: int, message: str) -> None:
        super().__init__(f"line {lineno}: {message}")
        self.lineno = lineno


def parse(text: str) -> dict[str, dict[str, str]]:
    sections: dict[str, dict[str, str]] = {}
    section: dict[str, str] | None = None
    key: str | None = None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if raw[0].isspace() and key is not None:
            section[key] += "\n" + line
            continue
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1].strip()
            if not name:
                raise ParseError(lineno, "empty section name")
            if name in sections:
                raise ParseError(lineno, f"duplicate section [{name}]")
            section = sections[name] = {}
            key = None
            continue
        if "=" not in line:
            raise ParseError(lineno, "expected 'key = value'")
        if section is None:
            raise ParseError(lineno, "key outside of any section")
        key, _, value = line.partition("=")
        key = key.strip().lower()
        if not key:
            raise ParseError(lineno, "missing key")
        if key in section:
            raise ParseError(lineno, f"duplicate key {key!r}")
        section[key] = value.strip()
    return sections
