import pytest

from resilience.retry import RetryError, retry, retrying


class Flaky:
    def __init__(self, failures, exc=ConnectionError):
        self.failures, self.exc, self.calls = failures, exc, 0

    def __call__(self):
        self.calls += 1
        if self.calls <= self.failures:
            raise self.exc("boom")
        return "ok"


def test_first_try():
    assert retry(Flaky(0), sleep=lambda s: None) == "ok"


def test_succeeds_after_failures_with_backoff():
    slept = []
    fn = Flaky(2)
    assert retry(fn, delay=0.1, sleep=slept.append) == "ok"
    assert fn.calls == 3 and slept == [0.1, 0.2]


def test_other_errors_propagate():
    fn = Flaky(1, exc=KeyError)
    with pytest.raises(KeyError):
        retry(fn, sleep=lambda s: None)
    assert fn.calls == 1


def test_decorator():
    state = Flaky(1)

    @retrying(sleep=lambda s: None)
    def call():
        return state()

    assert call() == "ok"


def test_gives_up_after_all_attempts():
    fn = Flaky(float("inf"))
    with pytest.raises(RetryError) as info:
        retry(fn, attempts=3, sleep=lambda s: None)
    assert fn.calls == 3
    assert isinstance(info.value.__cause__, ConnectionError)
