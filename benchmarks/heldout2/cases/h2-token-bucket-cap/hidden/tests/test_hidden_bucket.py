"""Tokens never exceed capacity, including after partial refills and fractional costs:
rules out clamping only in allow() for cost 1, or resetting to capacity on every refill."""
from ratelimit.bucket import TokenBucket


class Clock:
    def __init__(self):
        self.t = 0.0

    def __call__(self):
        return self.t


def test_tokens_bounded():
    clock = Clock()
    b = TokenBucket(rate=2, capacity=5, clock=clock)
    for step in (0.1, 10, 0.3, 100, 1):
        clock.t += step
        b.allow(0.5)
        assert b.tokens <= 5


def test_partial_refill_not_reset_to_full():
    clock = Clock()
    b = TokenBucket(rate=1, capacity=10, clock=clock)
    assert b.allow(10)
    clock.t += 3
    assert b.allow(3) and not b.allow(0.5)


def test_wait_time_after_idle():
    clock = Clock()
    b = TokenBucket(rate=1, capacity=2, clock=clock)
    clock.t += 1000
    b.allow(2)
    assert b.wait_time(1) == 1.0
