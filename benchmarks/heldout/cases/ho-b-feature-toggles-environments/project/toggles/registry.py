"""Loading flags from configuration and answering questions about them."""

from __future__ import annotations

from typing import Any, Mapping

from toggles.flags import Flag, is_enabled


class UnknownFlag(KeyError):
    """No flag of that name is configured."""


class FlagRegistry:
    def __init__(self, flags: list[Flag], environment: str) -> None:
        self.environment = environment
        self._flags = {flag.name: flag for flag in flags}

    @classmethod
    def from_config(cls, config: Mapping[str, Mapping[str, Any]], environment: str) -> FlagRegistry:
        """Build from ``{name: {"enabled": .., "percent": .., "allow": [..], ...}}``."""
        flags = []
        for name, spec in config.items():
            flags.append(Flag(
                name=name,
                enabled=bool(spec.get("enabled", True)),
                percent=int(spec.get("percent", 100)),
                allow=frozenset(spec.get("allow", ())),
                deny=frozenset(spec.get("deny", ())),
                environments=tuple(spec.get("environments", ())),
            ))
        return cls(flags, environment)

    def is_on(self, name: str, user_id: str) -> bool:
        try:
            flag = self._flags[name]
        except KeyError:
            raise UnknownFlag(name) from None
        return is_enabled(flag, user_id, self.environment)

    def enabled_for(self, user_id: str) -> list[str]:
        """Names of every flag that is on for the user, sorted."""
        return sorted(name for name, flag in self._flags.items()
                      if is_enabled(flag, user_id, self.environment))
