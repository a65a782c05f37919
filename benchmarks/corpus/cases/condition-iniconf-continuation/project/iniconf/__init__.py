"""Reading INI-style configuration files."""

from iniconf.config import Config, load
from iniconf.parser import ParseError, parse

__all__ = ["Config", "ParseError", "load", "parse"]
