"""Email address checks."""

from __future__ import annotations

import re

_LOCAL = re.compile(r"^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$")


class InvalidAddress(ValueError):
    """Not something we can send mail to."""


def normalize(address: str) -> str:
    """The canonical form of an address: trimmed and lower-cased; InvalidAddress if
    it is not a plausible address."""
    candidate = address.strip().lower()
    local, at, domain = candidate.rpartition("@")
    if not at or not _LOCAL.match(local) or not _DOMAIN.match(domain):
        raise InvalidAddress(address)
    return candidate
