from jobqueue import Backoff, RetryQueue


def test_schedule_grows_by_factor_from_base():
    assert Backoff(base=0.5, factor=3.0, cap=100.0, max_attempts=5).schedule() == [0.5, 1.5, 4.5, 13.5]


def test_schedule_reaches_cap():
    assert Backoff(base=10.0, factor=2.0, cap=40.0, max_attempts=5).schedule() == [10.0, 20.0, 40.0, 40.0]


def test_single_attempt_policy_has_no_retries():
    assert Backoff(max_attempts=1).schedule() == []


def test_retry_queue_due_times():
    queue = RetryQueue(Backoff(base=2.0, factor=2.0, max_attempts=4))
    assert queue.failed("a", now=0.0) == 2.0
    assert queue.due(1.9) == []
    assert queue.due(2.0) == ["a"]
    assert queue.failed("a", now=10.0) == 14.0
