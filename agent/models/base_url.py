"""A backend's base URL, checked when the backend is built: a URL no request can be sent to (no
scheme, no host, a space…) is a configuration error said once, not five failed attempts."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from homeostasis.core.errors import UsageError
from homeostasis.core.redaction import without_credentials

#: What a base URL looks like, for the hint.
EXAMPLE = "e.g. http://localhost:8000/v1"

#: ``host``, ``host:port`` or ``host:port/path``: an address written without its scheme.
_SCHEMELESS = re.compile(r"[\w.-]+(?::\d+)?(?:/\S*)?")


def check_base_url(url: str) -> str:
    """``url``, when an HTTP client can send requests to it: an ``http`` or ``https`` scheme,
    a host, a valid port, no whitespace. Raises :class:`UsageError` saying what is wrong (any
    password in the URL left out) and what to write instead."""
    problem, hint = _problem(url)
    if problem:
        raise UsageError(f"invalid base URL {without_credentials(url)!r}: {problem}", hint)
    return url


def _problem(url: str) -> tuple[str, str]:
    """What is wrong with ``url`` and the hint to give, or ``("", "")`` when nothing is."""
    if not url:
        return "it is empty", EXAMPLE
    if any(char.isspace() or not char.isprintable() for char in url):
        return "it contains whitespace or a control character", EXAMPLE
    if not re.match(r"(?i)https?://", url):
        if _SCHEMELESS.fullmatch(url):
            return "it has no scheme", f"write http://{url}"
        return "it must start with http:// or https://", EXAMPLE
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError as exc:
        return f"it cannot be parsed ({exc})", EXAMPLE
    if not parts.hostname:
        return "it names no host", EXAMPLE
    return "", ""
