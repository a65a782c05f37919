"""Minimal semantic-version handling for the release tooling (no pre-releases)."""
import re
from typing import Iterable, Optional, Tuple

_VERSION = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)$")


def parse(version: str) -> Tuple[int, int, int]:
    """'v1.4.2' -> (1, 4, 2) as integers; raises ValueError on anything else."""
    m = _VERSION.match(version.strip())
    if not m:
        raise ValueError(f"not a version: {version!r}")
    return tuple(int(g) for g in m.groups())


def compare(a: str, b: str) -> int:
    pa, pb = parse(a), parse(b)
    return (pa > pb) - (pa < pb)


def latest(versions: Iterable[str]) -> Optional[str]:
    best = None
    for v in versions:
        if best is None or compare(v, best) > 0:
            best = v
    return best


def bump(version: str, part: str) -> str:
    major, minor, patch = (int(x) for x in parse(version))
    if part == "major":
        return f"{major + 1}.0.0"
    if part == "minor":
        return f"{major}.{minor + 1}.0"
    if part == "patch":
        return f"{major}.{minor}.{patch + 1}"
    raise ValueError(f"unknown part {part!r}")


def satisfies(version: str, minimum: str) -> bool:
    return compare(version, minimum) >= 0
