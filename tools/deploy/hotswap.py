"""Deploy a fix into a running service: the working tree first (atomic, with its undo
record), then every worker of the service runs the new code, without a restart by hand.

When only function bodies changed, the deploy publishes a ``swap`` generation
(:mod:`homeostasis.tools.observe.runtime.generation`): each worker's monitor swaps the changed
functions' ``__code__`` in place at its next request; in-flight requests finish on the code
they started with. When more changed (a signature, a default, a module-level statement, a new
function), it publishes a ``reload`` generation and sends SIGHUP to the master process of the
gunicorn or uvicorn server the workers run under (:mod:`homeostasis.tools.deploy.servers`),
which starts new workers and lets the old ones finish their requests; the master keeps
running. With no such master, the fix is on disk but not live, and the outcome says so.
Whether it went live in every worker is for :mod:`homeostasis.tools.deploy.rollout` to tell.
Undo and rollback publish a generation with the old code the same way. Each deploy leaves
``.homeostasis/deploys/<run-id>.json``.
"""

from __future__ import annotations

import ast
import json
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from homeostasis.core.errors import DeployError
from homeostasis.core.project import parse_python
from homeostasis.core.records import Outcome
from homeostasis.tools.deploy.base import Fix
from homeostasis.tools.deploy.servers import reload_servers
from homeostasis.tools.deploy.worktree import WorktreeDeployer, latest_undo, undo_fix
from homeostasis.tools.observe.runtime.generation import DEPLOYS, publish

#: Asked before a fix is deployed: why it must not be (None: it may).
Gate = Callable[[Fix], "str | None"]


class Refused(DeployError):
    """The deployer's gate refused the fix: nothing was written."""


def _skeleton(text: str) -> str | None:
    """The module with every function body emptied, as an AST dump without positions."""
    tree = parse_python(text)
    if tree is None:
        return None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            node.body = [ast.Pass()]
    return ast.dump(tree, include_attributes=False)


def swap_mode(before: Mapping[str, str | None], after: Mapping[str, str | None]) -> str:
    """``swap`` when every changed file is Python whose change is inside function bodies
    only, else ``reload``."""
    for path, old in before.items():
        new = after.get(path)
        if not path.endswith(".py") or old is None or new is None:
            return "reload"
        skeleton = _skeleton(old)
        if skeleton is None or skeleton != _skeleton(new):
            return "reload"
    return "swap"


def _read(root: Path, paths: list[str]) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for path in paths:
        try:
            found[path] = (root / path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            found[path] = None
    return found


def _announce(root: Path, run_id: str, before: dict[str, str | None], why: str
              ) -> dict[str, Any]:
    """Publish the files' new code to the running service; what was done (``replacing``:
    the workers of the masters signalled to reload)."""
    files = sorted(before)
    after = _read(root, files)
    mode = swap_mode(before, after)
    generation = publish(root, {f: (before[f], after[f]) for f in files}, mode, run_id, why)
    signalled = reload_servers(root) if mode == "reload" else {}
    return {"run_id": run_id, "why": why, "generation": generation.number, "mode": mode,
            "files": files, "changed": {k: list(v) for k, v in generation.changed.items()},
            "at": time.time(), "reloaded_masters": sorted(signalled),
            "replacing": sorted(pid for pids in signalled.values() for pid in pids)}


def describe(record: Mapping[str, Any]) -> str:
    """What a deploy's announcement asked of the running service, in words."""
    if record["mode"] == "swap":
        names = [q for qs in record.get("changed", {}).values() for q in qs]
        return ("each worker swaps in the new code of " + ", ".join(names[:5])
                + (f" and {len(names) - 5} more" if len(names) > 5 else "")
                + " at its next request") if names else "no function's code changed"
    if record["reloaded_masters"]:
        return f"the server's workers reloaded (SIGHUP to {record['reloaded_masters']})"
    return ("it changes more than function bodies and no server was found to reload: the fix "
            "is on disk but not live; restart the service")


def deploy_record(root: Path, run_id: str) -> dict[str, Any] | None:
    """What the hot-swap deploy of run ``run_id`` did (None when it was not hot-swapped)."""
    try:
        data: dict[str, Any] = json.loads((root / DEPLOYS / f"{run_id}.json").read_text())
    except (OSError, ValueError):
        return None
    return data


class HotSwapDeployer:
    """The working tree, then the running service (see the module docstring). ``last`` is
    what the latest deploy announced."""

    name = "hotswap"

    def __init__(self, root: Path, gate: Gate | None = None) -> None:
        self.root = root
        self.gate = gate
        self.last: dict[str, Any] | None = None

    def deploy(self, fix: Fix) -> Outcome:
        refused = self.gate(fix) if self.gate is not None else None
        if refused:
            raise Refused(f"not deployed: {refused}",
                          "the fix is in the run's records; nothing was changed")
        before = _read(self.root, sorted(fix.texts))
        outcome = WorktreeDeployer(self.root).deploy(fix)
        try:
            record = _announce(self.root, fix.run_id, before, "deploy")
            (self.root / DEPLOYS).mkdir(parents=True, exist_ok=True)
            (self.root / DEPLOYS / f"{fix.run_id}.json").write_text(json.dumps(record,
                                                                               indent=2))
        except OSError as exc:
            raise DeployError(
                f"{outcome.detail}, but the running service could not be told "
                f"({exc.filename}: {exc.strerror})",
                "restart the service to load the fix, or `homeostasis undo` it") from exc
        self.last = record
        return Outcome("applied", f"{outcome.detail}; hot-swapped as generation "
                                  f"{record['generation']}: {describe(record)}",
                       outcome.candidate_id, outcome.files)


def undo_and_swap(root: Path, run_id: str | None = None, force: bool = False,
                  why: str = "undo") -> tuple[str, list[str], dict[str, Any] | None]:
    """``homeostasis undo`` for any fix; for a hot-swapped one, the old code is also swapped
    back into the running service. (run id, files restored, what was announced or None)."""
    which = run_id
    if which is None:
        latest = latest_undo(root)
        which = latest.stem if latest is not None else None
    hot = deploy_record(root, which) if which else None
    before = _read(root, hot["files"]) if hot else {}
    undone, files = undo_fix(root, which, force=force)
    if hot is None:
        return undone, files, None
    record = _announce(root, undone, before, why)
    with (root / DEPLOYS / f"{undone}.json").open("w") as fh:
        json.dump({**hot, "undone": record}, fh, indent=2)
    return undone, files, record
