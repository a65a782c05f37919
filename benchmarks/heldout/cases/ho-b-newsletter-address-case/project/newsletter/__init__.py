"""A newsletter's subscriber list."""

from newsletter.addresses import InvalidAddress, normalize
from newsletter.subscribers import Subscriber, SubscriberList

__all__ = ["InvalidAddress", "Subscriber", "SubscriberList", "normalize"]
