from __future__ import annotations

from dataclasses import dataclass

HEADS = "refs/heads/"
TAGS = "refs/tags/"


@dataclass(frozen=True)
class Ref:
    kind: str  # "branch" or "tag"
    name: str


def parse_ref(ref: str) -> Ref:
    """``refs/heads/<name>`` is a branch and ``refs/tags/<name>`` a tag.

    A name without a ``refs/`` prefix is taken to be a branch; other kinds of ref
    (pull requests, notes, …) are rejected.
    """
    ref = ref.strip()
    if ref.startswith(TAGS):
        return Ref("tag", ref.lstrip(TAGS))
    if ref.startswith(HEADS):
        return Ref("branch", ref.lstrip(HEADS))
    if ref.startswith("refs/") or not ref:
        raise ValueError(f"unsupported ref {ref!r}")
    return Ref("branch", ref)
