"""Running jobs with retries, and a queue of jobs waiting for their next attempt."""

from __future__ import annotations

import heapq
from typing import Callable, TypeVar

from jobqueue.backoff import Backoff

T = TypeVar("T")


class TransientError(Exception):
    """A failure worth retrying (timeouts, 503s, lock contention)."""


class PermanentError(Exception):
    """A failure that retrying cannot fix."""


def run_with_retries(job: Callable[[], T], policy: Backoff,
                     sleep: Callable[[float], None]) -> T:
    """Run ``job`` until it succeeds, sleeping between attempts as ``policy`` says.

    A PermanentError is raised at once; the last TransientError is raised once
    ``policy.max_attempts`` attempts have failed.
    """
    attempt = 1
    while True:
        try:
            return job()
        except TransientError:
            if attempt >= policy.max_attempts:
                raise
            sleep(policy.delay(attempt))
            attempt += 1


class RetryQueue:
    """Jobs that failed, ordered by when they are due to run again."""

    def __init__(self, policy: Backoff) -> None:
        self.policy = policy
        self._heap: list[tuple[float, int, str]] = []
        self._failures: dict[str, int] = {}
        self._seq = 0

    def failed(self, job_id: str, now: float) -> float | None:
        """Record a failure; return when the job is due again, or None if it is given up."""
        failures = self._failures.get(job_id, 0) + 1
        self._failures[job_id] = failures
        if failures >= self.policy.max_attempts:
            return None
        due = now + self.policy.delay(failures)
        heapq.heappush(self._heap, (due, self._seq, job_id))
        self._seq += 1
        return due

    def due(self, now: float) -> list[str]:
        """Pop every job whose retry time has come, earliest first."""
        ready = []
        while self._heap and self._heap[0][0] <= now:
            ready.append(heapq.heappop(self._heap)[2])
        return ready
