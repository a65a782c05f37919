"""The ``Deployer`` seam: what puts a chosen fix in place and says how it went.

The working tree (:mod:`homeostasis.tools.deploy.worktree`) is the deployer ``homeostasis fix``
uses; a git branch, a pull request or a live service are other places a fix can go. A
deployer gets everything it needs in the :class:`Fix` and returns an ``Outcome``; it raises
:class:`~homeostasis.core.errors.DeployError` (with nothing changed) when it cannot.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from homeostasis.core.records import Candidate, Outcome


@dataclass(frozen=True)
class Fix:
    """A winner ready to deploy: the candidate, the whole new text of every file it touches,
    and the hashes those files had in the snapshot the fix was tested on."""

    run_id: str
    candidate: Candidate
    texts: Mapping[str, str]
    snapshot_hashes: Mapping[str, str]


class Deployer(Protocol):
    name: str

    def deploy(self, fix: Fix) -> Outcome: ...
