"""Per-client request throttling based on token buckets."""

from throttle.bucket import TokenBucket
from throttle.clock import ManualClock, MonotonicClock
from throttle.limiter import Decision, RateLimiter

__all__ = ["Decision", "ManualClock", "MonotonicClock", "RateLimiter", "TokenBucket"]
