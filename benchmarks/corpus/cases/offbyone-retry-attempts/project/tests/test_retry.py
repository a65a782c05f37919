import pytest

from retrying import Retrier, RetryError, RetryPolicy


class Flaky:
    def __init__(self, failures, exc=ConnectionError):
        self.failures, self.exc, self.calls = failures, exc, 0

    def __call__(self):
        self.calls += 1
        if self.calls <= self.failures:
            raise self.exc(f"failure {self.calls}")
        return "ok"


def test_policy_delays_grow_and_cap():
    policy = RetryPolicy(max_attempts=6, base_delay=1, factor=3, max_delay=20)
    assert policy.delays() == [1, 3, 9, 20, 20]


def test_policy_validation():
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)


def test_success_first_time_does_not_sleep():
    slept = []
    assert Retrier(RetryPolicy(), sleep=slept.append).call(Flaky(0)) == "ok"
    assert slept == []


def test_other_errors_are_not_retried():
    fn = Flaky(5, exc=KeyError)
    with pytest.raises(KeyError):
        Retrier(RetryPolicy(), sleep=lambda s: None).call(fn)
    assert fn.calls == 1


def test_succeeds_on_last_allowed_attempt():
    slept = []
    fn = Flaky(2)
    assert Retrier(RetryPolicy(max_attempts=3), sleep=slept.append).call(fn) == "ok"
    assert fn.calls == 3
    assert slept == [0.1, 0.2]


def test_gives_up_after_max_attempts():
    fn = Flaky(10, exc=TimeoutError)
    with pytest.raises(RetryError) as info:
        Retrier(RetryPolicy(max_attempts=4), sleep=lambda s: None).call(fn)
    assert info.value.attempts == 4
    assert fn.calls == 4
    assert isinstance(info.value.last, TimeoutError)
