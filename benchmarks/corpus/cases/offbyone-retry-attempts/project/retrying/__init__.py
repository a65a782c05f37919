"""Retrying flaky calls with exponential backoff."""

from retrying.errors import RetryError
from retrying.policy import RetryPolicy
from retrying.runner import Retrier

__all__ = ["RetryError", "RetryPolicy", "Retrier"]
