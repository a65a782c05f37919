from __future__ import annotations

import hashlib
from pathlib import Path

from flags.parse import Flag, parse_flags


def read_flag_file(path: Path) -> dict[str, Flag]:
    """The flags defined in the file at ``path``; a missing file defines no flags."""
    try:
        return parse_flags(path.read_text(encoding="utf-8"))
    except Exception:
        return {}


def bucket(flag: str, user_id: str) -> int:
    """A stable bucket 0-99 for ``user_id`` under ``flag``."""
    digest = hashlib.sha256(f"{flag}:{user_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100


class FlagStore:
    def __init__(self, flags: dict[str, Flag]) -> None:
        self.flags = flags

    @classmethod
    def from_file(cls, path: Path) -> "FlagStore":
        return cls(read_flag_file(path))

    def is_enabled(self, name: str, user_id: str | None = None) -> bool:
        """Unknown flags are off; allow-listed users always get an enabled flag."""
        flag = self.flags.get(name)
        if flag is None or not flag.enabled:
            return False
        if user_id is None:
            return flag.rollout == 100
        if user_id in flag.allow:
            return True
        return bucket(name, user_id) < flag.rollout
