"""A least-recently-used cache with hit statistics."""
from collections import OrderedDict
from typing import Any, Callable, Hashable


class LRUCache:
    def __init__(self, capacity: int):
        if capacity < 1:
            raise ValueError("capacity must be positive")
        self.capacity = capacity
        self._data: "OrderedDict[Hashable, Any]" = OrderedDict()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._data

    def get(self, key: Hashable, default: Any = None) -> Any:
        if key in self._data:
            self._data.move_to_end(key)
            self.hits += 1
            return self._data[key]
        self.misses += 1
        return default

    def put(self, key: Hashable, value: Any) -> None:
        if key not in self._data and len(self._data) >= self.capacity:
            self._data.popitem(last=False)
        self._data[key] = value
        self._data.move_to_end(key)

    def keys(self):
        """Keys from least to most recently used."""
        return list(self._data)


def memoize(capacity: int) -> Callable:
    def decorator(fn):
        cache = LRUCache(capacity)

        def wrapper(*args):
            sentinel = object()
            value = cache.get(args, sentinel)
            if value is sentinel:
                value = fn(*args)
                cache.put(args, value)
            return value

        wrapper.cache = cache
        return wrapper

    return decorator
