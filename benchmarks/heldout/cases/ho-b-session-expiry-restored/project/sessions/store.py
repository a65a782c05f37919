"""An in-memory session store that can be saved and restored."""

from __future__ import annotations

import secrets
from typing import Any, Iterable

from sessions.policy import ExpiryPolicy
from sessions.session import Session


class SessionStore:
    def __init__(self, policy: ExpiryPolicy | None = None) -> None:
        self.policy = policy or ExpiryPolicy()
        self._sessions: dict[str, Session] = {}

    def create(self, user_id: str, now: float) -> Session:
        session = Session(secrets.token_hex(16), user_id, created_at=now, last_seen=now)
        self._sessions[session.id] = session
        return session

    def get(self, session_id: str, now: float) -> Session | None:
        """The live session with that id, marked as used now; None if unknown or expired."""
        session = self._sessions.get(session_id)
        if session is None:
            return None
        if self.policy.is_expired(session, now):
            del self._sessions[session_id]
            return None
        session.last_seen = now
        return session

    def purge(self, now: float) -> int:
        """Drop every expired session; return how many were dropped."""
        expired = [sid for sid, s in self._sessions.items() if self.policy.is_expired(s, now)]
        for sid in expired:
            del self._sessions[sid]
        return len(expired)

    def dump(self) -> list[dict[str, Any]]:
        return [s.to_record() for s in self._sessions.values()]

    def load(self, records: Iterable[dict[str, Any]]) -> None:
        for record in records:
            session = Session.from_record(record)
            self._sessions[session.id] = session

    def __len__(self) -> int:
        return len(self._sessions)
