"""After a hot-swap deploy: is the service healthier? Watch the fixed failure and the error
rate for a window; the deploy is unhealthy when the failure recurs under the new code, or
when the share of 5xx answers rises above what it was before the deploy (the fixed failure's
own occurrences not counted) by more than ``margin``, with at least ``min_errors`` of them."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from homeostasis.tools.observe.runtime.store import EventStore


@dataclass(frozen=True)
class Health:
    healthy: bool
    reason: str
    requests: int = 0
    errors: int = 0
    rate_before: float = 0.0


def check_health(
    store: EventStore, fingerprint: str, generation: int, deployed_at: float, window: float,
    clock: Callable[[], float] = time.time, sleep: Callable[[float], None] = time.sleep,
    margin: float = 0.05, min_errors: int = 3, poll: float = 0.5,
) -> Health:
    """Watch generation ``generation`` for ``window`` seconds from ``deployed_at``."""
    deadline = deployed_at + window
    while True:
        recurred = store.occurrences(fingerprint, generation=generation)
        if recurred:
            return Health(False, f"the fixed failure recurred {recurred} time(s) under the "
                                 "new code")
        now = clock()
        if now >= deadline:
            break
        sleep(min(poll, deadline - now))
    after = store.traffic(generation)
    before = store.traffic(generation - 1, since=deployed_at - window)
    fixed = store.occurrences(fingerprint, since=deployed_at - window)
    rate_before = max(0, before.errors - fixed) / before.requests if before.requests else 0.0
    if after.errors >= min_errors and after.rate > rate_before + margin:
        return Health(False, f"the error rate rose from {rate_before:.0%} to {after.rate:.0%} "
                             f"({after.errors} of {after.requests} requests answered 5xx)",
                      after.requests, after.errors, rate_before)
    seen = (f"{after.errors} of {after.requests} requests answered 5xx" if after.requests
            else "no requests came")
    return Health(True, f"no recurrence in {window:g}s; {seen}", after.requests, after.errors,
                  rate_before)
