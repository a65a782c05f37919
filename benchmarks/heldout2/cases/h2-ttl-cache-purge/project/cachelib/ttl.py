import time
from dataclasses import dataclass
from typing import Any, Callable, Dict, Hashable, Optional


@dataclass
class _Entry:
    value: Any
    expires_at: float


class TTLCache:
    """Entries expire ``ttl`` seconds after they were stored."""

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic):
        self.ttl = ttl
        self._clock = clock
        self._data: Dict[Hashable, _Entry] = {}

    def set(self, key: Hashable, value: Any, ttl: Optional[float] = None) -> None:
        self._data[key] = _Entry(value, self._clock() + (self.ttl if ttl is None else ttl))

    def get(self, key: Hashable, default: Any = None) -> Any:
        entry = self._data.get(key)
        if entry is None:
            return default
        if entry.expires_at <= self._clock():
            del self._data[key]
            return default
        return entry.value

    def purge(self) -> int:
        """Drop every expired entry; return how many were dropped."""
        now = self._clock()
        removed = 0
        for key, entry in self._data.items():
            if entry.expires_at <= now:
                del self._data[key]
                removed += 1
        return removed

    def __len__(self) -> int:
        return len(self._data)


class FakeClock:
    def __init__(self, now: float = 0.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
