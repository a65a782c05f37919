"""Human-friendly durations such as ``1h30m`` or ``2d 4h``."""

from durations.format import format_duration
from durations.parse import DurationError, parse_duration, tokens

__all__ = ["DurationError", "format_duration", "parse_duration", "tokens"]
