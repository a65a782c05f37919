"""Deciding whether a path is ignored."""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Iterable

from pathfilter.rules import Rule, parse_rules


class PathFilter:
    """Later rules win over earlier ones. Paths use '/' and are relative to the root.

    Matching respects letter case unless ``case_sensitive`` is False.
    """

    def __init__(self, rules: Iterable[Rule] | str, case_sensitive: bool = True) -> None:
        self.rules = parse_rules(rules) if isinstance(rules, str) else list(rules)
        self.case_sensitive = case_sensitive

    def _matches(self, rule: Rule, path: str, is_dir: bool) -> bool:
        pattern = rule.pattern
        if self.case_sensitive:
            pattern, path = pattern.lower(), path.lower()
        if rule.dir_only and not is_dir:
            return False
        if rule.anchored:
            return fnmatchcase(path, pattern)
        return fnmatchcase(path.rsplit("/", 1)[-1], pattern)

    def is_ignored(self, path: str, is_dir: bool = False) -> bool:
        """True when the path, or a directory above it, is excluded."""
        parts = path.strip("/").split("/")
        for depth in range(1, len(parts)):
            if self._decide("/".join(parts[:depth]), True):
                return True
        return self._decide("/".join(parts), is_dir)

    def _decide(self, path: str, is_dir: bool) -> bool:
        ignored = False
        for rule in self.rules:
            if self._matches(rule, path, is_dir):
                ignored = not rule.negated
        return ignored

    def filter(self, paths: Iterable[str]) -> list[str]:
        """The paths that are kept (files only; directories end with '/')."""
        return [p for p in paths if not self.is_ignored(p.rstrip("/"), p.endswith("/"))]
