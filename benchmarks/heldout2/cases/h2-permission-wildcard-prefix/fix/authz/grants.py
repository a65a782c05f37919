"""Permission grants with dotted names and trailing wildcards.

A grant is either an exact permission ("docs.read"), a namespace wildcard ("docs.*",
which covers every permission *below* "docs", at any depth) or "*" for everything.
Grants prefixed with "!" deny, and a deny always wins over an allow.
"""
from dataclasses import dataclass, field
from typing import Iterable, List


def matches(grant: str, permission: str) -> bool:
    if grant == "*":
        return True
    if grant.endswith(".*"):
        return permission.startswith(grant[:-1])
    return grant == permission


@dataclass
class Policy:
    grants: List[str] = field(default_factory=list)

    @classmethod
    def parse(cls, text: str) -> "Policy":
        return cls([g.strip() for g in text.replace(",", "\n").splitlines() if g.strip()])

    def allows(self, permission: str) -> bool:
        denies = [g[1:] for g in self.grants if g.startswith("!")]
        allows = [g for g in self.grants if not g.startswith("!")]
        if any(matches(g, permission) for g in denies):
            return False
        return any(matches(g, permission) for g in allows)

    def filter(self, permissions: Iterable[str]) -> List[str]:
        return [p for p in permissions if self.allows(p)]
