"""The session record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Session:
    id: str
    user_id: str
    created_at: float
    last_seen: float | None = None  # None until the session is first used
    data: dict[str, Any] = field(default_factory=dict)

    def to_record(self) -> dict[str, Any]:
        return {"id": self.id, "user_id": self.user_id, "created_at": self.created_at,
                "last_seen": self.last_seen, "data": dict(self.data)}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Session:
        return cls(id=record["id"], user_id=record["user_id"],
                   created_at=float(record["created_at"]),
                   last_seen=record.get("last_seen"), data=dict(record.get("data") or {}))
