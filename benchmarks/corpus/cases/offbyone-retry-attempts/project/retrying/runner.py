"""Running a callable under a retry policy."""

from __future__ import annotations

import time
from typing import Callable, TypeVar

from retrying.errors import RetryError
from retrying.policy import RetryPolicy

T = TypeVar("T")


class Retrier:
    def __init__(self, policy: RetryPolicy, sleep: Callable[[float], None] = time.sleep) -> None:
        self.policy = policy
        self.sleep = sleep
        self.attempts_made = 0

    def call(self, fn: Callable[[], T]) -> T:
        """Call ``fn`` until it succeeds, up to ``policy.max_attempts`` times in all.

        Exceptions the policy does not retry on propagate at once; when every
        attempt fails, RetryError carries the last exception.
        """
        last: BaseException | None = None
        self.attempts_made = 0
        for attempt in range(1, self.policy.max_attempts):
            self.attempts_made += 1
            try:
                return fn()
            except BaseException as exc:
                if not self.policy.should_retry(exc):
                    raise
                last = exc
            if attempt < self.policy.max_attempts:
                self.sleep(self.policy.delay(attempt))
        raise RetryError(self.attempts_made, last)
