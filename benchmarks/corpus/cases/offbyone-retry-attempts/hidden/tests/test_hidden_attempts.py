import pytest

from retrying import Retrier, RetryError, RetryPolicy


def always_fails(calls):
    def fn():
        calls.append(1)
        raise ConnectionError("down")
    return fn


def test_single_attempt_policy_calls_once_and_never_sleeps():
    calls, slept = [], []
    with pytest.raises(RetryError) as info:
        Retrier(RetryPolicy(max_attempts=1), sleep=slept.append).call(always_fails(calls))
    assert len(calls) == 1
    assert slept == []
    assert isinstance(info.value.last, ConnectionError)


def test_sleeps_match_policy_delays():
    calls, slept = [], []
    policy = RetryPolicy(max_attempts=5, base_delay=0.5, factor=2, max_delay=3)
    with pytest.raises(RetryError):
        Retrier(policy, sleep=slept.append).call(always_fails(calls))
    assert len(calls) == 5
    assert slept == policy.delays() == [0.5, 1.0, 2.0, 3]


def test_attempts_made_is_reported():
    retrier = Retrier(RetryPolicy(max_attempts=2), sleep=lambda s: None)
    with pytest.raises(RetryError) as info:
        retrier.call(always_fails([]))
    assert retrier.attempts_made == 2
    assert info.value.attempts == 2
    state = {"n": 0}

    def second_time_lucky():
        state["n"] += 1
        if state["n"] == 1:
            raise TimeoutError()
        return 42

    assert retrier.call(second_time_lucky) == 42
    assert retrier.attempts_made == 2
