import pytest

from lrucache import LRUCache, lru_memoize


def test_capacity_must_be_positive():
    with pytest.raises(ValueError):
        LRUCache(0)


def test_oldest_entry_is_evicted():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("c", 3)
    assert "a" not in cache
    assert cache.keys() == ["b", "c"]
    assert cache.stats.evictions == 1


def test_overwrite_refreshes_entry():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("a", 10)
    cache.put("c", 3)
    assert cache.keys() == ["a", "c"]
    assert cache.get("a") == 10


def test_read_refreshes_entry():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1
    cache.put("c", 3)
    assert "a" in cache
    assert "b" not in cache


def test_hit_ratio():
    cache = LRUCache(4)
    cache.put("a", 1)
    cache.get("a")
    cache.get("zzz")
    assert cache.stats.hit_ratio == 0.5


def test_memoized_hot_argument_stays_cached():
    calls = []

    @lru_memoize(2)
    def square(n):
        calls.append(n)
        return n * n

    for n in (1, 2, 1, 3, 1):
        square(n)
    assert calls == [1, 2, 3]
