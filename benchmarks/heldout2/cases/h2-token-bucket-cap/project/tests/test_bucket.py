from ratelimit.bucket import PerClientLimiter, TokenBucket


class Clock:
    def __init__(self):
        self.t = 100.0

    def __call__(self):
        return self.t


def test_initial_burst():
    clock = Clock()
    b = TokenBucket(rate=1, capacity=3, clock=clock)
    assert [b.allow() for _ in range(4)] == [True, True, True, False]


def test_refill_over_time():
    clock = Clock()
    b = TokenBucket(rate=2, capacity=2, clock=clock)
    b.allow(), b.allow()
    clock.t += 0.5
    assert b.allow() and not b.allow()


def test_wait_time():
    clock = Clock()
    b = TokenBucket(rate=4, capacity=4, clock=clock)
    b.allow(4)
    assert b.wait_time(2) == 0.5
    assert b.wait_time(5) == float("inf")


def test_clients_are_independent():
    clock = Clock()
    lim = PerClientLimiter(rate=1, capacity=1, clock=clock)
    assert lim.allow("a") and lim.allow("b") and not lim.allow("a")


def test_idle_period_does_not_allow_bigger_burst():
    clock = Clock()
    b = TokenBucket(rate=1, capacity=3, clock=clock)
    clock.t += 3600
    assert [b.allow() for _ in range(5)] == [True, True, True, False, False]
