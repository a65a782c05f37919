"""Apply a fix to the user's working tree, all or nothing, and undo it byte for byte.

Before anything is written, every touched file must still hold the bytes it had when the
snapshot was taken; the original bytes are saved as an undo record first, then each file is
replaced atomically (write a sibling temp file, then rename). If any write fails, the files
already replaced are put back.

Undo records live at ``.homeostasis/undo/<run-id>.json``: per file the original bytes (base64)
and the hash of the bytes the fix wrote, so an undo refuses to clobber later edits. A record is
used only when this machine wrote it (:mod:`homeostasis.tools.deploy.ledger` says why and how),
and every path in it is checked as a candidate's edits are, before anything is written.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import signal
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from homeostasis.core.errors import ENDING_SIGNALS, DeployError
from homeostasis.core.project import encode_source
from homeostasis.core.records import Outcome
from homeostasis.tools.deploy import ledger
from homeostasis.tools.deploy.base import Fix
from homeostasis.tools.judge.guards import outside_project

UNDO_DIR = Path(".homeostasis") / "undo"


def _b64(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode()


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP until the block is done, so a write set is never left
    half-applied; then deliver the first one caught to the handler that was there before
    (whoever catches it can ask :func:`applied_fix` whether the fix is in place)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {signum: signal.signal(signum, lambda signum, _frame: caught.append(signum))
                for signum in (signal.SIGINT, *ENDING_SIGNALS)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        # delivered even when the block failed (and put back what it wrote): a Ctrl-C is
        # never lost, and the caller sees the tree as it is now
        if caught:
            signal.raise_signal(caught[0])


def _write_each(
    root: Path, new_bytes: Mapping[str, bytes], old_bytes: Mapping[str, bytes | None]
) -> None:
    """Write every file or none: on a failure, restore what was already written. Called with
    interrupts deferred (a write set is never left half done)."""
    done: list[str] = []
    try:
        for path, data in new_bytes.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(target, data)
            done.append(path)
    except OSError as exc:
        failed = path
        for path in done:
            before = old_bytes[path]
            if before is None:
                (root / path).unlink(missing_ok=True)
            else:
                _atomic_write(root / path, before)
        raise DeployError(
            f"could not write {failed}: {exc.strerror}; nothing was changed"
        ) from exc


def apply_fix(
    root: Path, run_id: str, changes: Mapping[str, str], snapshot_hashes: Mapping[str, str],
    candidate_id: str = "",
) -> list[str]:
    """Write ``changes`` (path → new text) into ``root``; returns the paths written. The undo
    record names ``candidate_id``, for :func:`applied_fix`.

    Raises :class:`DeployError`, with the tree unchanged, when a touched file changed since the
    snapshot (hash differs, or it appeared or vanished).
    """
    old_bytes: dict[str, bytes | None] = {}
    for path in sorted(changes):
        target = root / path
        current = target.read_bytes() if target.is_file() else None
        expected = snapshot_hashes.get(path)
        if (current is None) != (expected is None) or (
            current is not None and ledger.sha256(current) != expected
        ):
            raise DeployError(
                f"{path} changed since the run started; the fix was not applied",
                "run `homeostasis fix` again on the current files",
            )
        old_bytes[path] = current
    new_bytes = {p: encode_source(text, old_bytes[p] or b"") for p, text in changes.items()}
    record = {
        "run_id": run_id,
        "candidate_id": candidate_id,
        "files": {
            p: {
                "original": _b64(old_bytes[p]),
                "applied_sha256": ledger.sha256(new_bytes[p]),
            }
            for p in sorted(changes)
        },
    }
    # the record and the files together: a Ctrl-C waits until both are written, or neither
    with _interrupts_deferred():
        record_path = _save_undo(root, run_id, json.dumps(record, indent=2).encode())
        try:
            _write_each(root, new_bytes, old_bytes)
        except DeployError:
            record_path.unlink(missing_ok=True)  # nothing was applied: nothing to undo
            raise
    return sorted(changes)


def _save_undo(root: Path, run_id: str, record: bytes) -> Path:
    """Write the undo record into the project and add it to this machine's ledger; returns
    its path. A :class:`DeployError`, with no record kept, when either cannot be written."""
    path = root / UNDO_DIR / f"{run_id}.json"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(path, record)
        ledger.remember(run_id, record)
    except OSError as exc:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
        raise DeployError(
            f"could not save the undo record ({exc.filename}: {exc.strerror}); "
            "the fix was not applied",
            f"undo records are listed in {ledger.state_dir()} (HOMEOSTASIS_STATE_DIR moves it)",
        ) from exc
    return path


class WorktreeDeployer:
    """Writes the fix into the project's working tree (see the module docstring)."""

    name = "worktree"

    def __init__(self, root: Path) -> None:
        self.root = root

    def deploy(self, fix: Fix) -> Outcome:
        files = apply_fix(self.root, fix.run_id, fix.texts, fix.snapshot_hashes,
                          fix.candidate.id)
        return Outcome("applied", f"Applied {fix.candidate.id} to {', '.join(files)}",
                       fix.candidate.id, tuple(files))


def latest_undo(root: Path) -> Path | None:
    """The newest undo record this machine wrote for ``root`` that has not been undone yet:
    newest by the ledger, not by file name, so a record planted in the project never wins."""
    for run_id, digest in ledger.entries():
        path = root / UNDO_DIR / f"{run_id}.json"
        if path.is_file() and ledger.sha256(path.read_bytes()) == digest:
            return path
    return None


def applied_fix(root: Path, run_id: str) -> tuple[str, tuple[str, ...]] | None:
    """``(candidate id, files)`` of run ``run_id``'s fix when it is in place — its undo record,
    written by this machine, is in the project and not undone, and every file it names holds
    the bytes the fix wrote — else None. What a run that was stopped tells its user."""
    try:
        record = _trusted_record(root, root / UNDO_DIR / f"{run_id}.json")
        files = record["files"]
        if not all(_holds_fix(root / name, entry) for name, entry in files.items()):
            return None
    except (OSError, ValueError, KeyError, TypeError, DeployError):
        return None
    return str(record.get("candidate_id") or ""), tuple(sorted(files))


def _holds_fix(target: Path, entry: Mapping[str, str | None]) -> bool:
    """Whether ``target`` holds the bytes the fix wrote (its record's ``entry``)."""
    current = target.read_bytes() if target.is_file() else None
    return current is not None and ledger.sha256(current) == entry["applied_sha256"]


def _trusted_record(root: Path, record_path: Path) -> dict[str, Any]:
    """The undo record at ``record_path`` once it is safe to act on: this machine wrote
    exactly these bytes, and every path in its ``files`` stays inside the project (the check
    a candidate's edits pass). Raises :class:`DeployError` otherwise."""
    name = record_path.relative_to(root).as_posix()
    data = record_path.read_bytes()
    if not ledger.written_here(data):
        raise DeployError(
            f"{name} was not written by Homeostasis on this machine; nothing was undone",
            "an undo record that came with the project's files is never used; delete it",
        )
    record: dict[str, Any] = json.loads(data)
    reason = outside_project(root, record["files"])
    if reason:
        raise DeployError(f"{name} {reason}; nothing was undone")
    return record


def undo_fix(root: Path, run_id: str | None = None, force: bool = False) -> tuple[str, list[str]]:
    """Restore the exact bytes a fix replaced; returns (run id, paths restored).

    Refuses, changing nothing, when the record was not written on this machine or names a file
    outside the project, or when a file was edited after the fix (unless ``force``).
    """
    record_path = (root / UNDO_DIR / f"{run_id}.json") if run_id else latest_undo(root)
    if record_path is None or not record_path.is_file():
        which = f"for run {run_id}" if run_id else "in this project"
        raise DeployError(f"no applied fix to undo {which}")
    files: dict[str, dict[str, str | None]] = _trusted_record(root, record_path)["files"]
    old_bytes: dict[str, bytes | None] = {}
    restore: dict[str, bytes] = {}
    for path, entry in sorted(files.items()):
        target = root / path
        old_bytes[path] = target.read_bytes() if target.is_file() else None
        if not force and not _holds_fix(target, entry):
            raise DeployError(
                f"{path} was edited after the fix; nothing was undone",
                "use --force to restore the pre-fix bytes anyway",
            )
        original = entry["original"]
        if original is not None:
            restore[path] = base64.b64decode(original)
    with _interrupts_deferred():  # the files and the record marked undone, together
        _write_each(root, restore, old_bytes)
        for path, entry in files.items():
            if entry["original"] is None:
                (root / path).unlink(missing_ok=True)
        record_path.rename(record_path.with_suffix(".undone"))
    return record_path.stem, sorted(files)
