from jobq import JobQueue, State


def finish(q, name, ok=True):
    job = next(j for j in q.jobs if j.name == name)
    job.state = State.RUNNING
    job.attempts = job.max_attempts
    if ok:
        q.complete(job.id)
    else:
        q.fail(job.id, "boom")


def test_purge_everything():
    q = JobQueue()
    for name in "abc":
        q.submit(name)
    for name in "abc":
        finish(q, name)
    assert [j.name for j in q.purge()] == ["a", "b", "c"]
    assert q.jobs == []


def test_purge_mixed_keeps_order_of_the_rest():
    q = JobQueue()
    for name in "abcdefg":
        q.submit(name)
    finish(q, "b")
    finish(q, "c", ok=False)
    finish(q, "d")
    finish(q, "g", ok=False)
    assert [j.name for j in q.purge()] == ["b", "c", "d", "g"]
    assert [j.name for j in q.jobs] == ["a", "e", "f"]


def test_running_jobs_survive_a_purge():
    q = JobQueue()
    q.submit("a")
    q.submit("b")
    finish(q, "a")
    running = q.next_job()
    assert q.purge()[0].name == "a"
    assert q.jobs == [running]
    assert q.purge() == []


def test_queue_stays_usable_after_purge():
    q = JobQueue()
    q.submit("a")
    q.submit("b")
    finish(q, "a")
    finish(q, "b")
    q.purge()
    job = q.submit("c")
    assert job.id == 3
    assert q.next_job() is job
