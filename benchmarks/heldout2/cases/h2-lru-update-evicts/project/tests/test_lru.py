from lru import LRUCache, memoize


def test_evicts_least_recently_used():
    c = LRUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    c.put("c", 3)
    assert "a" not in c and c.keys() == ["b", "c"]


def test_get_refreshes_recency():
    c = LRUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    c.get("a")
    c.put("c", 3)
    assert c.keys() == ["a", "c"]


def test_hit_miss_counts():
    c = LRUCache(1)
    c.get("x")
    c.put("x", 1)
    c.get("x")
    assert (c.hits, c.misses) == (1, 1)


def test_memoize():
    calls = []

    @memoize(4)
    def square(n):
        calls.append(n)
        return n * n

    assert [square(3), square(3), square(4)] == [9, 9, 16]
    assert calls == [3, 4]


def test_updating_a_key_in_a_full_cache():
    c = LRUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    c.put("b", 20)
    assert c.keys() == ["a", "b"]
    assert c.get("a") == 1 and c.get("b") == 20
