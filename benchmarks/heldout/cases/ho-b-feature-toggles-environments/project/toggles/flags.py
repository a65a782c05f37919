"""A single feature flag and the rule deciding whether it is on for a user."""

from __future__ import annotations

from dataclasses import dataclass, field

from toggles.rollout import bucket


@dataclass(frozen=True)
class Flag:
    name: str
    enabled: bool = True
    percent: int = 100
    allow: frozenset[str] = field(default_factory=frozenset)
    deny: frozenset[str] = field(default_factory=frozenset)
    environments: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0 <= self.percent <= 100:
            raise ValueError(f"{self.name}: percent must be within 0..100")


def is_enabled(flag: Flag, user_id: str, environment: str) -> bool:
    """Whether ``flag`` is on for ``user_id`` in ``environment``.

    A disabled flag is off for everyone. A flag limited to some environments is off
    elsewhere; one that lists no environments applies in all of them. Denied users
    are always off and allowed users always on; everyone else is on when their
    rollout bucket falls below the flag's percentage.
    """
    if not flag.enabled:
        return False
    if environment not in flag.environments:
        return False
    if user_id in flag.deny:
        return False
    if user_id in flag.allow:
        return True
    return bucket(flag.name, user_id) < flag.percent
