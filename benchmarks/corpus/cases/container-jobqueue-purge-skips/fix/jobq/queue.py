from __future__ import annotations

import itertools
from typing import Any

from jobq.job import FINISHED, Job, State


class JobQueue:
    def __init__(self) -> None:
        self.jobs: list[Job] = []
        self._ids = itertools.count(1)

    def submit(self, name: str, priority: int = 0, max_attempts: int = 3,
               **payload: Any) -> Job:
        job = Job(next(self._ids), name, priority, max_attempts, dict(payload))
        self.jobs.append(job)
        return job

    def get(self, job_id: int) -> Job:
        for job in self.jobs:
            if job.id == job_id:
                return job
        raise KeyError(job_id)

    def next_job(self) -> Job | None:
        """Start the pending job with the highest priority (oldest first among equals)."""
        pending = [j for j in self.jobs if j.state is State.PENDING]
        if not pending:
            return None
        job = max(pending, key=lambda j: (j.priority, -j.id))
        job.state = State.RUNNING
        job.attempts += 1
        return job

    def complete(self, job_id: int) -> None:
        job = self.get(job_id)
        if job.state is not State.RUNNING:
            raise ValueError(f"job {job_id} is not running")
        job.state = State.DONE

    def fail(self, job_id: int, error: str) -> None:
        """Record a failed attempt; the job is retried until it runs out of attempts."""
        job = self.get(job_id)
        if job.state is not State.RUNNING:
            raise ValueError(f"job {job_id} is not running")
        job.error = error
        job.state = State.DEAD if job.attempts >= job.max_attempts else State.PENDING

    def counts(self) -> dict[str, int]:
        counts = {state.value: 0 for state in State}
        for job in self.jobs:
            counts[job.state.value] += 1
        return counts

    def purge(self) -> list[Job]:
        """Drop every finished (done or dead) job from the queue and return them in order."""
        removed = []
        for job in list(self.jobs):
            if job.state in FINISHED:
                self.jobs.remove(job)
                removed.append(job)
        return removed
