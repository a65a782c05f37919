"""When a session stops being valid."""

from __future__ import annotations

from dataclasses import dataclass

from sessions.session import Session


@dataclass(frozen=True)
class ExpiryPolicy:
    idle_timeout: float = 30 * 60
    absolute_timeout: float = 24 * 60 * 60

    def is_expired(self, session: Session, now: float) -> bool:
        """Expired once older than ``absolute_timeout``, or once idle for longer than
        ``idle_timeout`` - counted from creation for a session never used yet."""
        if now - session.created_at >= self.absolute_timeout:
            return True
        return now - session.last_seen > self.idle_timeout

    def expires_at(self, session: Session) -> float:
        """The moment the session expires if it is not used again."""
        last = session.last_seen if session.last_seen is not None else session.created_at
        return min(session.created_at + self.absolute_timeout, last + self.idle_timeout)
