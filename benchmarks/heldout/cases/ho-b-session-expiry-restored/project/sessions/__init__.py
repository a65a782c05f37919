"""Server-side web sessions with idle and absolute expiry."""

from sessions.policy import ExpiryPolicy
from sessions.session import Session
from sessions.store import SessionStore

__all__ = ["ExpiryPolicy", "Session", "SessionStore"]
