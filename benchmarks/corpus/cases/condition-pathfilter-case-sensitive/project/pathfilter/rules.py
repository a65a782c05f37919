"""Parsing ignore rules.

One rule per line; blank lines and lines starting with ``#`` are skipped. A leading ``!``
re-includes what earlier rules excluded, a trailing ``/`` makes a rule match directories
only, and a rule containing a ``/`` (other than a trailing one) is anchored to the root;
other rules match a name at any depth.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    pattern: str
    negated: bool = False
    dir_only: bool = False
    anchored: bool = False


def parse_rules(text: str) -> list[Rule]:
    rules = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if negated:
            line = line[1:]
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        anchored = "/" in line
        if not line:
            raise ValueError(f"empty pattern in rule {raw!r}")
        rules.append(Rule(line.lstrip("/"), negated, dir_only, anchored))
    return rules
