from dataclasses import dataclass, field
from typing import List

from .search import lower_bound, upper_bound


@dataclass(order=True)
class Event:
    at: int
    name: str = field(compare=False)


class Timeline:
    """Events kept sorted by timestamp."""

    def __init__(self):
        self._events: List[Event] = []

    def add(self, at: int, name: str) -> None:
        i = upper_bound(self._events, at, key=lambda e: e.at)
        self._events.insert(i, Event(at, name))

    def between(self, start: int, end: int) -> List[str]:
        """Names of the events with start <= at < end, in time order."""
        lo = lower_bound(self._events, start, key=lambda e: e.at)
        hi = lower_bound(self._events, end, key=lambda e: e.at)
        return [e.name for e in self._events[lo:hi]]

    def __len__(self):
        return len(self._events)
