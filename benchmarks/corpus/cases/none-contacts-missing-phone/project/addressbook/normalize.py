"""Canonical forms of phone numbers and e-mail addresses, used to spot duplicates."""

from __future__ import annotations

import re

_NON_DIGIT = re.compile(r"\D")


def normalize_phone(raw: str | None, country_code: str = "1") -> str | None:
    """``raw`` as ``+<digits>``; None when ``raw`` is None or contains no digits.

    Ten-digit national numbers get ``country_code`` prepended; numbers written with a
    leading ``+`` or ``00`` are taken as international.
    """
    digits = _NON_DIGIT.sub("", raw)
    if not digits:
        return None
    text = raw.strip()
    if text.startswith("+"):
        return "+" + digits
    if text.startswith("00"):
        return "+" + digits[2:]
    if len(digits) == 10:
        return "+" + country_code + digits
    return "+" + digits


def normalize_email(raw: str | None) -> str | None:
    """Lower-cased, trimmed address; None when missing or blank."""
    if raw is None:
        return None
    address = raw.strip().lower()
    if not address:
        return None
    if address.count("@") != 1:
        raise ValueError(f"not an e-mail address: {raw!r}")
    return address
