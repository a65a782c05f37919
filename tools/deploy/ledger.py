"""The undo ledger: which undo records this machine wrote, newest last.

An undo record sits in the project (``.homeostasis/undo/<run-id>.json``), where anything that
comes with the project's files can put one: a commit, an archive, a shared folder. A record
names files to overwrite and the bytes to write, so ``homeostasis undo`` uses a record only
when its SHA-256 is in this ledger, and "the latest fix" is the newest ledger entry whose record
is still in the project, never the highest file name. The ledger is a file in the user's state
folder, outside every project, so nothing in a checkout can add to it; the hash ties an entry
to the exact bytes written, so a planted record that borrows a real run id (or a record edited
afterwards) is refused too. One JSON line per applied fix: ``{"run_id": ..., "sha256": ...}``.

The same kind of ledger, under another name (``ledger=``), lists other records a project's
files may carry but only this machine may vouch for: the ``run.json`` whose hints a resumed
run takes as the developer's words (:mod:`homeostasis.runs.trust`).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path


def state_dir() -> Path:
    """``HOMEOSTASIS_STATE_DIR``, else the user's state folder (``XDG_STATE_HOME`` or
    ``~/.local/state``) ``/homeostasis``."""
    override = os.environ.get("HOMEOSTASIS_STATE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "homeostasis"


#: The ledger of undo records (the default of every function here).
UNDO_LEDGER = "undo-ledger.jsonl"


def _ledger(name: str) -> Path:
    return state_dir() / name


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def remember(run_id: str, record: bytes, ledger: str = UNDO_LEDGER) -> None:
    """Add the record ``record`` (its exact bytes) of run ``run_id`` to the ledger. Raises
    :class:`OSError` when the ledger cannot be written."""
    path = _ledger(ledger)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps({"run_id": run_id, "sha256": sha256(record)}) + "\n"
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line)
        fh.flush()
        os.fsync(fh.fileno())


def entries(ledger: str = UNDO_LEDGER) -> list[tuple[str, str]]:
    """Every ``(run id, record sha256)`` in the ledger, newest first; lines that cannot be
    read (a torn write) are skipped."""
    try:
        lines = _ledger(ledger).read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = []
    for line in reversed(lines):
        try:
            entry = json.loads(line)
            found.append((str(entry["run_id"]), str(entry["sha256"])))
        except (ValueError, KeyError, TypeError):
            continue
    return found


def written_here(record: bytes) -> bool:
    """Whether this machine wrote an undo record with exactly these bytes."""
    digest = sha256(record)
    return any(sha == digest for _, sha in entries())
