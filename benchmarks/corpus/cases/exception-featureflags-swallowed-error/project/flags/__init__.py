"""Feature flags with percentage rollouts, defined in a JSON file."""

from flags.parse import Flag, FlagFileError, parse_flags
from flags.store import FlagStore, read_flag_file

__all__ = ["Flag", "FlagFileError", "FlagStore", "parse_flags", "read_flag_file"]
