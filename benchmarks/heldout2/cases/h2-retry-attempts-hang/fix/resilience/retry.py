"""Retry a flaky call with exponential backoff."""
import time
from typing import Callable, Optional, Tuple, Type, TypeVar

T = TypeVar("T")


class RetryError(Exception):
    def __init__(self, attempts: int, last: BaseException):
        super().__init__(f"gave up after {attempts} attempts: {last!r}")
        self.attempts = attempts
        self.last = last


def retry(fn: Callable[[], T],
          attempts: int = 3,
          delay: float = 0.5,
          backoff: float = 2.0,
          retry_on: Tuple[Type[BaseException], ...] = (ConnectionError, TimeoutError),
          sleep: Callable[[float], None] = time.sleep) -> T:
    """Call fn until it succeeds, at most ``attempts`` times.

    Only exceptions listed in ``retry_on`` are retried; others propagate at once.
    After the last failed attempt RetryError is raised, chained to the last error.
    """
    if attempts < 1:
        raise ValueError("attempts must be >= 1")
    attempt = 0
    wait = delay
    last: Optional[BaseException] = None
    while attempt < attempts:
        try:
            return fn()
        except retry_on as exc:
            last = exc
            if attempt + 1 < attempts:
                sleep(wait)
                wait *= backoff
        attempt += 1
    raise RetryError(attempts, last) from last


def retrying(**options):
    def decorator(fn):
        def wrapper(*args, **kwargs):
            return retry(lambda: fn(*args, **kwargs), **options)
        return wrapper
    return decorator
