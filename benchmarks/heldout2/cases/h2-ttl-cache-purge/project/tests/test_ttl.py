from cachelib.ttl import FakeClock, TTLCache


def test_value_available_before_expiry():
    clock = FakeClock()
    c = TTLCache(10, clock)
    c.set("k", "v")
    clock.advance(9.9)
    assert c.get("k") == "v"


def test_value_gone_at_expiry():
    clock = FakeClock()
    c = TTLCache(10, clock)
    c.set("k", "v")
    clock.advance(10)
    assert c.get("k", "missing") == "missing"


def test_purge_with_nothing_expired():
    clock = FakeClock()
    c = TTLCache(10, clock)
    c.set("a", 1)
    assert c.purge() == 0 and len(c) == 1


def test_purge_drops_expired_entries():
    clock = FakeClock()
    c = TTLCache(10, clock)
    c.set("a", 1)
    c.set("b", 2, ttl=60)
    clock.advance(30)
    assert c.purge() == 1
    assert len(c) == 1 and c.get("b") == 2
