"""A small HTTP response cache that follows the freshness rules of RFC 9111."""

from httpcache.directives import parse_cache_control
from httpcache.freshness import CachedResponse, current_age, freshness_lifetime, is_fresh
from httpcache.store import ResponseCache

__all__ = ["CachedResponse", "ResponseCache", "current_age", "freshness_lifetime",
           "is_fresh", "parse_cache_control"]
