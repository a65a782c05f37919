"""Locale tags and the order in which catalogs are consulted."""

from __future__ import annotations

import re

_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def fallback_chain(locale: str, default: str = "en") -> list[str]:
    """``"pt-BR"`` -> ``["pt-BR", "pt", "en"]``: most specific first, default last."""
    if not _TAG.match(locale):
        raise ValueError(f"bad locale tag {locale!r}")
    parts = locale.split("-")
    chain = ["-".join(parts[:n]) for n in range(len(parts), 0, -1)]
    if default not in chain:
        chain.append(default)
    return chain
