"""Feature flags with allow/deny lists, environments and percentage rollouts."""

from toggles.flags import Flag, is_enabled
from toggles.registry import FlagRegistry, UnknownFlag
from toggles.rollout import bucket

__all__ = ["Flag", "FlagRegistry", "UnknownFlag", "bucket", "is_enabled"]
