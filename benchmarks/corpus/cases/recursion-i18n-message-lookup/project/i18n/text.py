"""Filling in placeholders and choosing plural forms."""

from __future__ import annotations

import re
from typing import Any

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def interpolate(template: str, params: dict[str, Any]) -> str:
    """Replace ``{name}`` placeholders; a placeholder without a value is an error."""

    def fill(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in params:
            raise KeyError(f"no value for placeholder {name!r}")
        return str(params[name])

    return _PLACEHOLDER.sub(fill, template)


def plural_category(count: int) -> str:
    """The plural form to use for ``count`` (the simple one/other rule)."""
    return "one" if count == 1 else "other"
