"""Who receives the newsletter."""

from __future__ import annotations

from dataclasses import dataclass

from newsletter.addresses import normalize


@dataclass
class Subscriber:
    address: str
    name: str = ""
    topics: frozenset[str] = frozenset()


class SubscriberList:
    """Subscribers keyed by normalised address. Every method accepts an address in
    any case and with surrounding spaces."""

    def __init__(self) -> None:
        self._subscribers: dict[str, Subscriber] = {}

    def subscribe(self, address: str, name: str = "", topics: frozenset[str] = frozenset()) -> bool:
        """Add a subscriber; False (and nothing changes) if already subscribed."""
        key = normalize(address)
        if key in self._subscribers:
            return False
        self._subscribers[key] = Subscriber(key, name.strip(), frozenset(topics))
        return True

    def unsubscribe(self, address: str) -> bool:
        """Remove a subscriber; False if the address was not subscribed."""
        return self._subscribers.pop(normalize(address), None) is not None

    def is_subscribed(self, address: str) -> bool:
        return normalize(address) in self._subscribers

    def recipients(self, topic: str | None = None) -> list[str]:
        """Sorted addresses, limited to those following ``topic`` when one is given."""
        return sorted(key for key, sub in self._subscribers.items()
                      if topic is None or topic in sub.topics)

    def __len__(self) -> int:
        return len(self._subscribers)
