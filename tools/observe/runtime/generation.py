"""The code generations a running service should run, and taking one in.

A hot-swap deploy publishes a **generation** under ``.homeostasis/deploys/``:

    generations/<n>.json  the record: ``mode``, the run, and for each file it changed the
                          text before and after, and the functions that changed
    generation.json       the marker: the latest number, its files, mode and changed
                          functions (a new file renamed over the old one, so its inode
                          changes: a worker notices a deploy with one ``stat`` per request)

``mode`` is ``swap`` when only function bodies changed (each worker swaps the changed
functions' ``__code__``, see :mod:`homeostasis.tools.observe.runtime.swap`) or ``reload`` when
more did (the deployer has the server replace its workers). Numbers are given out under an
``fcntl`` lock, so two deploys at once never share one, and generations are cumulative: a
worker on generation ``k`` that sees ``n`` takes every generation from ``k + 1`` to ``n`` in
order, each whole or not at all, and stops at the first it cannot take in-process (a
``reload`` one, a missing record, a function it cannot swap): it then runs the last one it
took, and reports that it needs a reload.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from homeostasis.tools.observe.runtime.swap import apply, change, plan

DEPLOYS = Path(".homeostasis") / "deploys"
MARKER = DEPLOYS / "generation.json"
HISTORY = DEPLOYS / "generations"
_LOCK = DEPLOYS / ".generation.lock"


@dataclass(frozen=True)
class Generation:
    number: int
    files: tuple[str, ...]
    mode: str
    run_id: str
    reason: str
    #: The functions that changed, by file (those a worker must swap).
    changed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Each file's text before and after (None: absent), in the generation's record only.
    texts: Mapping[str, tuple[str | None, str | None]] = field(default_factory=dict)


def _generation(data: Mapping[str, Any]) -> Generation:
    texts = {str(k): (v.get("before"), v.get("after"))
             for k, v in dict(data.get("texts", {})).items()}
    return Generation(int(data["generation"]), tuple(data["files"]), str(data["mode"]),
                      str(data.get("run_id", "")), str(data.get("reason", "")),
                      {str(k): tuple(v) for k, v in dict(data.get("changed", {})).items()},
                      texts)


def read_generation(root: Path) -> Generation | None:
    """The generation last published for ``root`` (None when none was, or it is unreadable)."""
    try:
        return _generation(json.loads((root / MARKER).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def read_record(root: Path, number: int) -> Generation | None:
    """Generation ``number``'s record, with its files' texts (None when missing)."""
    try:
        found = _generation(json.loads((root / HISTORY / f"{number}.json").read_text(
            encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return found if found.number == number else None


@contextmanager
def _locked(root: Path) -> Iterator[None]:
    path = root / _LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _write(path: Path, data: Mapping[str, Any]) -> None:
    """``data`` as JSON at ``path``, written to a new file renamed over the old."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _latest(root: Path) -> int:
    """The highest number given out: the marker's, or a record's written after it."""
    current = read_generation(root)
    numbers = [current.number if current else 0]
    with suppress(OSError):
        numbers += [int(p.stem) for p in (root / HISTORY).glob("*.json") if p.stem.isdigit()]
    return max(numbers)


def changed_functions(texts: Mapping[str, tuple[str | None, str | None]]
                      ) -> dict[str, tuple[str, ...]]:
    """The functions each Python file's change touched (those a worker must swap)."""
    return {rel: change(rel, before, after).changed for rel, (before, after)
            in texts.items() if rel.endswith(".py")}


def publish(root: Path, texts: Mapping[str, tuple[str | None, str | None]], mode: str,
            run_id: str, reason: str) -> Generation:
    """Announce a new generation of the project's code: ``texts`` maps each changed file to
    its text (before, after). Its record is written before the marker, so a worker that sees
    the marker finds it."""
    changed = changed_functions(texts)
    with _locked(root):
        number = _latest(root) + 1
        data = {"generation": number, "files": sorted(texts), "mode": mode, "run_id": run_id,
                "reason": reason, "at": time.time(),
                "changed": {k: list(v) for k, v in changed.items()}}
        _write(root / HISTORY / f"{number}.json", {
            **data, "texts": {k: {"before": b, "after": a} for k, (b, a) in texts.items()}})
        _write(root / MARKER, data)
    return Generation(number, tuple(sorted(texts)), mode, run_id, reason, changed, texts)


def adopt(root: Path, current: int, target: int) -> dict[str, Any]:
    """Take generations ``current + 1`` … ``target`` into this process (see the module
    docstring); the report: ``generation`` is the one it now runs, ``needs_reload`` the
    target when it could not take them all (0 when it did), ``why`` the reasons."""
    report: dict[str, Any] = {"from": current, "to": target, "generation": current,
                              "swapped": [], "needs_reload": 0, "why": []}
    if target < current:
        report.update(needs_reload=target, why=[
            f"the published generation {target} is older than the one this worker runs "
            f"({current}): the deploy records were reset"])
        return report
    for number in range(current + 1, target + 1):
        found = read_record(root, number)
        if found is None:
            why = [f"generation {number}'s record is missing"]
        elif found.mode != "swap":
            why = [f"generation {number} changed more than function bodies: the server "
                   "must reload its workers"]
        else:
            done = plan({os.path.realpath(root / rel): change(
                rel, b, a, os.path.realpath(root / rel)) for rel, (b, a) in found.texts.items()})
            why = done.problems
            if not why:
                report["swapped"] += apply(done)
                report["generation"] = number
                continue
        report.update(needs_reload=target, why=why[:20])
        break
    return report
