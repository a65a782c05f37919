"""Merging nested settings dictionaries."""

from __future__ import annotations

from typing import Any


def deep_merge(base: Any, override: Any) -> Any:
    """``override`` laid over ``base``.

    Where both are dicts they are merged key by key, recursively; anywhere else the
    value from ``override`` wins outright (a dict replacing a scalar, a scalar or
    None replacing a dict, lists replacing lists). Neither input is modified.
    """
    if not isinstance(base, dict):
        return override
    merged = dict(base)
    for key, value in override.items():
        merged[key] = deep_merge(base[key], value) if key in base else value
    return merged
