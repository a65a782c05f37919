"""A small background-job runner with exponential backoff."""

from jobqueue.backoff import Backoff
from jobqueue.worker import PermanentError, RetryQueue, TransientError, run_with_retries

__all__ = ["Backoff", "PermanentError", "RetryQueue", "TransientError", "run_with_retries"]
