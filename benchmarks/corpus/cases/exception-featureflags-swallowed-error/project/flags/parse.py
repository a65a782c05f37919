"""The flag file is a JSON object: ``{"name": {"enabled": bool, "rollout": 0-100, "allow": [ids]}}``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field


class FlagFileError(ValueError):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.line = line


@dataclass(frozen=True)
class Flag:
    name: str
    enabled: bool = False
    rollout: int = 100
    allow: frozenset[str] = field(default_factory=frozenset)


def _flag(name: str, spec: object) -> Flag:
    if not isinstance(spec, dict):
        raise FlagFileError(f"flag {name!r} must be an object")
    unknown = set(spec) - {"enabled", "rollout", "allow"}
    if unknown:
        raise FlagFileError(f"flag {name!r} has unknown keys {sorted(unknown)}")
    enabled = spec.get("enabled", False)
    rollout = spec.get("rollout", 100)
    if not isinstance(enabled, bool):
        raise FlagFileError(f"flag {name!r}: enabled must be true or false")
    if not isinstance(rollout, int) or not 0 <= rollout <= 100:
        raise FlagFileError(f"flag {name!r}: rollout must be an integer 0-100")
    return Flag(name, enabled, rollout, frozenset(str(a) for a in spec.get("allow", [])))


def parse_flags(text: str) -> dict[str, Flag]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FlagFileError(exc.msg, exc.lineno) from exc
    if not isinstance(data, dict):
        raise FlagFileError("the flag file must hold a JSON object")
    return {name: _flag(name, spec) for name, spec in data.items()}
