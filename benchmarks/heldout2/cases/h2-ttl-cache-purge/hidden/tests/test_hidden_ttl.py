"""Several expired entries interleaved with live ones: rules out patches that stop
after the first deletion."""
from cachelib.ttl import FakeClock, TTLCache


def test_purge_many():
    clock = FakeClock()
    c = TTLCache(5, clock)
    for i in range(10):
        c.set(i, i, ttl=5 if i % 2 else 50)
    clock.advance(6)
    assert c.purge() == 5
    assert len(c) == 5
    assert [k for k in range(10) if c.get(k) is not None] == [0, 2, 4, 6, 8]
    assert c.purge() == 0


def test_purge_everything():
    clock = FakeClock()
    c = TTLCache(1, clock)
    for i in range(4):
        c.set(i, i)
    clock.advance(1)
    assert c.purge() == 4 and len(c) == 0
