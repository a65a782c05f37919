"""Matching versions against simple range specs: ``>=1.2.0``, ``<2.0.0``, ``^1.4.0``,
``~1.4.2``, ``=1.0.0``, and space-separated combinations of them."""

from __future__ import annotations

from typing import Iterable

from versioning.version import Version


def _check(version: Version, clause: str) -> bool:
    for op in (">=", "<=", ">", "<", "=", "^", "~"):
        if clause.startswith(op):
            bound = Version.parse(clause[len(op):])
            break
    else:
        op, bound = "=", Version.parse(clause)
    c = version.compare(bound)
    if op == ">=":
        return c >= 0
    if op == "<=":
        return c <= 0
    if op == ">":
        return c > 0
    if op == "<":
        return c < 0
    if op == "=":
        return c == 0
    if op == "^":
        upper = bound.bump("major") if bound.major else bound.bump("minor")
        return c >= 0 and version < upper
    upper = bound.bump("minor")
    return c >= 0 and version < upper


def satisfies(version: Version | str, spec: str) -> bool:
    if isinstance(version, str):
        version = Version.parse(version)
    return all(_check(version, clause) for clause in spec.split())


def max_satisfying(versions: Iterable[str], spec: str) -> str | None:
    matching = [Version.parse(v) for v in versions if satisfies(v, spec)]
    return str(max(matching)) if matching else None
