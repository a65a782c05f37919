import pytest

from throttle import ManualClock, RateLimiter, TokenBucket


def test_reading_the_level_does_not_mint_tokens():
    clock = ManualClock()
    bucket = TokenBucket(capacity=4, rate=1.0, clock=clock)
    assert bucket.try_take(4)
    clock.advance(1.5)
    assert bucket.available() == pytest.approx(1.5)
    assert bucket.available() == pytest.approx(1.5)
    assert bucket.wait_time(2) == pytest.approx(0.5)


def test_fractional_refill_accumulates_across_calls():
    clock = ManualClock()
    bucket = TokenBucket(capacity=1, rate=1.0, clock=clock)
    assert bucket.try_take()
    for _ in range(4):
        clock.advance(0.25)
        bucket.available()
    assert bucket.try_take()
    assert not bucket.try_take()


def test_retry_after_shrinks_as_time_passes():
    clock = ManualClock()
    limiter = RateLimiter(capacity=1, per_second=0.25, clock=clock)
    assert limiter.allow("k")
    assert limiter.check("k").retry_after == pytest.approx(4.0)
    clock.advance(1.0)
    assert limiter.check("k").retry_after == pytest.approx(3.0)
    clock.advance(1.0)
    assert limiter.check("k").retry_after == pytest.approx(2.0)


def test_heavy_cost_after_partial_refill():
    clock = ManualClock()
    limiter = RateLimiter(capacity=10, per_second=2.0, clock=clock)
    assert limiter.allow("k", cost=10)
    clock.advance(2.0)
    assert limiter.allow("k", cost=3)
    assert not limiter.allow("k", cost=2)
    assert limiter.allow("k", cost=1)
