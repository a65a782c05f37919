"""Memoizing functions of hashable positional arguments."""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

from lrucache.cache import LRUCache

F = TypeVar("F", bound=Callable[..., Any])
_MISSING = object()


def lru_memoize(capacity: int) -> Callable[[F], F]:
    """Cache a function's results in an LRUCache of the given capacity.

    The cache is reachable as ``wrapped.cache``.
    """
    def decorate(func: F) -> F:
        cache: LRUCache[tuple, Any] = LRUCache(capacity)

        @functools.wraps(func)
        def wrapper(*args: Any) -> Any:
            result = cache.get(args, _MISSING)
            if result is _MISSING:
                result = func(*args)
                cache.put(args, result)
            return result

        wrapper.cache = cache  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
