"""Which run records this machine wrote: the same guard the undo records have
(:mod:`homeostasis.tools.deploy.ledger`), for the ``run.json`` a resumed run takes its hints from.

A run's ``run.json`` sits in the project, where a commit, an archive or a shared folder can put
one. Its hints are the developer's own words, and a model is told to weigh them as such, so
``fix --resume`` takes them as words only from a record whose exact bytes this machine wrote:
each write of a ``run.json`` adds ``{"run_id": ..., "sha256": ...}`` to ``run-ledger.jsonl`` in
the user's state folder, outside every project. A record not in it still resumes, its hints
quoted to a model as data (as an issue is), never as the developer's.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from homeostasis.tools.deploy.ledger import sha256, state_dir


def _ledger() -> Path:
    return state_dir() / "run-ledger.jsonl"


def remember(run_id: str, record: bytes) -> bool:
    """Add the exact bytes ``record`` of run ``run_id``'s ``run.json`` to the ledger; whether
    it could be written (a state folder that cannot be written costs the run nothing but this
    trust when it is resumed)."""
    line = json.dumps({"run_id": run_id, "sha256": sha256(record)}) + "\n"
    with contextlib.suppress(OSError):
        path = _ledger()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())
        return True
    return False


def written_here(run_id: str, record: bytes) -> bool:
    """Whether this machine wrote exactly ``record`` as run ``run_id``'s ``run.json``."""
    digest = sha256(record)
    try:
        lines = _ledger().read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a torn write
        if isinstance(entry, dict) and entry.get("run_id") == run_id \
                and entry.get("sha256") == digest:
            return True
    return False
