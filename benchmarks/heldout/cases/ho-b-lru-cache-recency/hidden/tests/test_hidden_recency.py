from lrucache import LRUCache


def test_keys_follow_reads():
    cache = LRUCache(3)
    for key in "abc":
        cache.put(key, key.upper())
    cache.get("a")
    cache.get("b")
    assert cache.keys() == ["c", "a", "b"]


def test_membership_test_does_not_refresh():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert "a" in cache
    cache.put("c", 3)
    assert cache.keys() == ["b", "c"]


def test_miss_does_not_add_or_reorder():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("x", 0) == 0
    assert cache.keys() == ["a", "b"]
    assert len(cache) == 2


def test_falsy_values_are_refreshed_too():
    cache = LRUCache(2)
    cache.put("zero", 0)
    cache.put("one", 1)
    assert cache.get("zero") == 0
    cache.put("two", 2)
    assert cache.keys() == ["zero", "two"]
