"""Stable assignment of users to rollout buckets."""

from __future__ import annotations

import hashlib


def bucket(flag_name: str, user_id: str) -> int:
    """A number in 0..99 that is the same for a given flag and user on every call."""
    digest = hashlib.sha256(f"{flag_name}:{user_id}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 100
