import pytest

from jobq import JobQueue, State


def run_and_finish(queue, ok=True):
    job = queue.next_job()
    if ok:
        queue.complete(job.id)
    else:
        queue.fail(job.id, "boom")
    return job


def test_priority_then_age():
    q = JobQueue()
    q.submit("low")
    q.submit("high", priority=5)
    q.submit("high-later", priority=5)
    assert [q.next_job().name for _ in range(3)] == ["high", "high-later", "low"]
    assert q.next_job() is None


def test_failed_job_is_retried_then_dead():
    q = JobQueue()
    job = q.submit("flaky", max_attempts=2)
    run_and_finish(q, ok=False)
    assert job.state is State.PENDING
    run_and_finish(q, ok=False)
    assert job.state is State.DEAD
    assert job.attempts == 2


def test_complete_requires_running():
    q = JobQueue()
    job = q.submit("x")
    with pytest.raises(ValueError):
        q.complete(job.id)


def test_purge_single_finished_job():
    q = JobQueue()
    q.submit("a")
    q.submit("b")
    run_and_finish(q)
    assert [j.name for j in q.purge()] == ["a"]
    assert [j.name for j in q.jobs] == ["b"]


def test_purge_all_finished_jobs():
    q = JobQueue()
    for name in "abcd":
        q.submit(name)
    run_and_finish(q)
    run_and_finish(q)
    assert [j.name for j in q.purge()] == ["a", "b"]
    assert q.counts() == {"pending": 2, "running": 0, "done": 0, "dead": 0}
