from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase

from citrigger.refs import Ref


@dataclass(frozen=True)
class Rule:
    """Run ``job`` for branches matching one of ``branches`` (shell-style globs) and,
    if ``on_tags`` is set, for tags matching one of ``tags``."""

    job: str
    branches: tuple[str, ...] = ()
    tags: tuple[str, ...] = ("*",)
    on_tags: bool = False

    def matches(self, ref: Ref) -> bool:
        if ref.kind == "tag":
            return self.on_tags and any(fnmatchcase(ref.name, p) for p in self.tags)
        return any(fnmatchcase(ref.name, p) for p in self.branches)
