"""attempts=1 and attempts=5, sleeps only between attempts, and the RetryError fields:
rules out patches that raise too early or retry one time too many."""
import pytest

from resilience.retry import RetryError, retry


class Recorder(list):
    """Records calls, but refuses to grow without bound."""

    def __call__(self, value=None):
        assert len(self) < 1000, "called far too often"
        self.append(value)


def always_fails(counter):
    def fn():
        counter()
        raise TimeoutError("slow")
    return fn


def test_single_attempt():
    calls, slept = Recorder(), Recorder()
    with pytest.raises(RetryError) as info:
        retry(always_fails(calls), attempts=1, sleep=slept)
    assert len(calls) == 1 and slept == [] and info.value.attempts == 1


def test_five_attempts_backoff():
    calls, slept = Recorder(), Recorder()
    with pytest.raises(RetryError) as info:
        retry(always_fails(calls), attempts=5, delay=1, backoff=3, sleep=slept)
    assert len(calls) == 5
    assert slept == [1, 3, 9, 27]
    assert isinstance(info.value.last, TimeoutError)


def test_success_on_last_attempt():
    state = {"n": 0}

    def fn():
        state["n"] += 1
        if state["n"] < 4:
            raise ConnectionError()
        return 42

    assert retry(fn, attempts=4, sleep=lambda s: None) == 42
