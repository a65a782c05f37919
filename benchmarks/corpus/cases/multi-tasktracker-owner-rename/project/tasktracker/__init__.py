"""A small task tracker with a versioned JSON save format."""

from tasktracker.model import Task
from tasktracker.storage import FORMAT_VERSION, dumps, loads

__all__ = ["FORMAT_VERSION", "Task", "dumps", "loads"]
