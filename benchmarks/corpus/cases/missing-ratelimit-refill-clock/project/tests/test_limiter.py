import pytest

from throttle import ManualClock, RateLimiter, TokenBucket


def make(capacity=3, per_second=1.0):
    clock = ManualClock()
    return clock, RateLimiter(capacity, per_second, clock)


def test_burst_up_to_capacity():
    _, limiter = make(capacity=3)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]


def test_rejection_reports_retry_after():
    _, limiter = make(capacity=2, per_second=0.5)
    limiter.allow("a")
    limiter.allow("a")
    decision = limiter.check("a")
    assert not decision.allowed
    assert decision.retry_after == pytest.approx(2.0)


def test_one_second_buys_one_request():
    clock, limiter = make(capacity=3, per_second=1.0)
    for _ in range(3):
        limiter.allow("a")
    clock.advance(1.0)
    assert limiter.allow("a")
    assert not limiter.allow("a")


def test_sustained_rate_is_respected():
    clock, limiter = make(capacity=2, per_second=2.0)
    assert limiter.allow("a") and limiter.allow("a")
    granted = 0
    for _ in range(16):
        clock.advance(0.25)
        granted += limiter.allow("a")
    # two per second for four seconds
    assert granted == 8


def test_keys_are_independent():
    _, limiter = make(capacity=1)
    assert limiter.allow("a")
    assert limiter.allow("b")
    assert not limiter.allow("a")


def test_idle_time_is_capped_at_capacity():
    clock = ManualClock()
    bucket = TokenBucket(capacity=5, rate=1.0, clock=clock)
    clock.advance(100)
    assert bucket.available() == 5


def test_invalid_configuration():
    with pytest.raises(ValueError):
        RateLimiter(0, 1.0)
    with pytest.raises(ValueError):
        TokenBucket(1, 1, ManualClock()).try_take(2)
