"""After a hot-swap deploy: is the service healthier? Watch the fixed failure and the error
rate for a window; the deploy is unhealthy when the failure recurs under the new code, or
when the share of 5xx answers rises above what it was before the deploy (the fixed failure's
own occurrences not counted) by more than ``margin``, with at least ``min_errors`` of them.
With no request served under the new code in the window, there is nothing to judge it by:
the verdict is ``unverified``, never ``healthy``."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from homeostasis.tools.observe.runtime.store import EventStore, Traffic


@dataclass(frozen=True)
class Health:
    """``verdict``: ``healthy``, ``unhealthy`` or ``unverified`` (no evidence either way)."""

    verdict: str
    reason: str
    requests: int = 0
    errors: int = 0
    rate_before: float = 0.0

    @property
    def healthy(self) -> bool:
        return self.verdict == "healthy"


def _before(store: EventStore, generation: int, since: float) -> Traffic:
    """Requests and 5xx served by the code before ``generation`` (any older one) since
    ``since``."""
    counted = [store.traffic(g, since=since) for g in range(generation)]
    return Traffic(sum(t.requests for t in counted), sum(t.errors for t in counted))


def check_health(
    store: EventStore, fingerprint: str, generation: int, deployed_at: float, window: float,
    clock: Callable[[], float] = time.time, sleep: Callable[[float], None] = time.sleep,
    margin: float = 0.05, min_errors: int = 3, poll: float = 0.5, start: float | None = None,
) -> Health:
    """Watch generation ``generation``, deployed at ``deployed_at``, for ``window`` seconds
    from ``start`` (default: the deploy), and compare it with the same length of time before
    the deploy."""
    deadline = (deployed_at if start is None else start) + window
    while True:
        recurred = store.occurrences(fingerprint, generation=generation)
        if recurred:
            return Health("unhealthy", f"the fixed failure recurred {recurred} time(s) under "
                                       "the new code")
        now = clock()
        if now >= deadline:
            break
        sleep(min(poll, deadline - now))
    after = store.traffic(generation)
    before = _before(store, generation, since=deployed_at - window)
    fixed = store.occurrences(fingerprint, since=deployed_at - window)
    rate_before = max(0, before.errors - fixed) / before.requests if before.requests else 0.0
    if after.errors >= min_errors and after.rate > rate_before + margin:
        return Health("unhealthy", f"the error rate rose from {rate_before:.0%} to "
                                   f"{after.rate:.0%} ({after.errors} of {after.requests} "
                                   "requests answered 5xx)",
                      after.requests, after.errors, rate_before)
    if not after.requests:
        return Health("unverified", f"no recurrence in {window:g}s, but no request was served "
                                    f"under generation {generation}: nothing to judge it by",
                      0, 0, rate_before)
    return Health("healthy", f"no recurrence in {window:g}s; {after.errors} of "
                             f"{after.requests} requests answered 5xx",
                  after.requests, after.errors, rate_before)
