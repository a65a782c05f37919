"""A bounded least-recently-used cache and a memoizing decorator built on it."""

from lrucache.cache import LRUCache
from lrucache.memo import lru_memoize
from lrucache.stats import CacheStats

__all__ = ["CacheStats", "LRUCache", "lru_memoize"]
