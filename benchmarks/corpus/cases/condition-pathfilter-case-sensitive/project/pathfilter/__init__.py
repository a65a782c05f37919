"""Ignore rules for file trees, in the style of .gitignore."""

from pathfilter.filter import PathFilter
from pathfilter.rules import Rule, parse_rules

__all__ = ["PathFilter", "Rule", "parse_rules"]
