import pytest

from jobqueue import Backoff, PermanentError, RetryQueue, TransientError, run_with_retries


def flaky(failures):
    calls = []

    def job():
        calls.append(1)
        if len(calls) <= failures:
            raise TransientError("try again")
        return "done"

    return job, calls


def test_first_retry_waits_the_base_delay():
    assert Backoff(base=1.0).delay(1) == 1.0


def test_delays_are_capped():
    assert Backoff(base=1.0, cap=30.0).delay(12) == 30.0


def test_retries_are_numbered_from_one():
    with pytest.raises(ValueError):
        Backoff().delay(0)


def test_worker_sleeps_between_attempts():
    job, calls = flaky(2)
    sleeps = []
    assert run_with_retries(job, Backoff(base=0.5), sleeps.append) == "done"
    assert len(calls) == 3
    assert sleeps == [0.5, 1.0]


def test_worker_gives_up_after_max_attempts():
    job, calls = flaky(10)
    with pytest.raises(TransientError):
        run_with_retries(job, Backoff(max_attempts=3), lambda s: None)
    assert len(calls) == 3


def test_permanent_errors_are_not_retried():
    sleeps = []

    def job():
        raise PermanentError("bad input")

    with pytest.raises(PermanentError):
        run_with_retries(job, Backoff(), sleeps.append)
    assert sleeps == []


def test_retry_queue_gives_up():
    queue = RetryQueue(Backoff(max_attempts=2))
    assert queue.failed("job-1", now=100.0) is not None
    assert queue.failed("job-1", now=200.0) is None
