"""A small in-process job queue with priorities and retries."""

from jobq.job import FINISHED, Job, State
from jobq.queue import JobQueue

__all__ = ["FINISHED", "Job", "JobQueue", "State"]
