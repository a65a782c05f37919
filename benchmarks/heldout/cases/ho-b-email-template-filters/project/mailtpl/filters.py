"""Filters that can follow a placeholder: ``{{ total | money }}``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable


class UnknownFilter(KeyError):
    """A template names a filter that does not exist."""


def _money(value: Any) -> str:
    return f"${Decimal(str(value)):,.2f}"


FILTERS: dict[str, Callable[[Any], Any]] = {
    "upper": lambda v: str(v).upper(),
    "lower": lambda v: str(v).lower(),
    "title": lambda v: str(v).title(),
    "trim": lambda v: str(v).strip(),
    "money": _money,
}


def apply_filter(name: str, value: Any) -> Any:
    try:
        func = FILTERS[name]
    except KeyError:
        raise UnknownFilter(name) from None
    return func(value)
