"""Parsing the Cache-Control header."""

from __future__ import annotations


def parse_cache_control(value: str | None) -> dict[str, int | str | bool]:
    """Directive names (lower-cased) mapped to their argument: an int when it is
    numeric, the unquoted string otherwise, and True for bare directives."""
    directives: dict[str, int | str | bool] = {}
    if not value:
        return directives
    for part in value.split(","):
        name, sep, arg = part.strip().partition("=")
        name = name.strip().lower()
        if not name:
            continue
        if not sep:
            directives[name] = True
            continue
        arg = arg.strip().strip('"')
        directives[name] = int(arg) if arg.isdigit() else arg
    return directives
