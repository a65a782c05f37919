"""Apply a fix to the user's working tree, all or nothing, and undo it byte for byte.

Before anything is written, every touched file must still hold the bytes it had when the
snapshot was taken; the original bytes are saved as an undo record first, then each file is
replaced atomically (write a sibling temp file, then rename). If any write fails, the files
already replaced are put back.

Undo records live at ``.homeostasis/undo/<run-id>.json``: per file the original bytes (base64)
and the hash of the bytes the fix wrote, so an undo refuses to clobber later edits.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import signal
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from homeostasis.core.errors import DeployError
from homeostasis.core.project import encode_source
from homeostasis.core.records import Outcome
from homeostasis.tools.deploy.base import Fix

UNDO_DIR = Path(".homeostasis") / "undo"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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
    """Hold Ctrl-C until the block is done, so a write set is never left half-applied."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _write_all(
    root: Path, new_bytes: Mapping[str, bytes], old_bytes: Mapping[str, bytes | None]
) -> None:
    """Write every file or none: on a failure, restore what was already written."""
    with _interrupts_deferred():
        _write_each(root, new_bytes, old_bytes)


def _write_each(
    root: Path, new_bytes: Mapping[str, bytes], old_bytes: Mapping[str, bytes | None]
) -> None:
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
    root: Path, run_id: str, changes: Mapping[str, str], snapshot_hashes: Mapping[str, str]
) -> list[str]:
    """Write ``changes`` (path → new text) into ``root``; returns the paths written.

    Raises :class:`DeployError`, with the tree unchanged, when a touched file changed since the
    snapshot (hash differs, or it appeared or vanished).
    """
    old_bytes: dict[str, bytes | None] = {}
    for path in sorted(changes):
        target = root / path
        current = target.read_bytes() if target.is_file() else None
        expected = snapshot_hashes.get(path)
        if (current is None) != (expected is None) or (
            current is not None and _sha(current) != expected
        ):
            raise DeployError(
                f"{path} changed since the run started; the fix was not applied",
                "run `homeostasis fix` again on the current files",
            )
        old_bytes[path] = current
    new_bytes = {p: encode_source(text, old_bytes[p] or b"") for p, text in changes.items()}
    record = {
        "run_id": run_id,
        "files": {
            p: {
                "original": _b64(old_bytes[p]),
                "applied_sha256": _sha(new_bytes[p]),
            }
            for p in sorted(changes)
        },
    }
    undo_dir = root / UNDO_DIR
    undo_dir.mkdir(parents=True, exist_ok=True)
    record_path = undo_dir / f"{run_id}.json"
    _atomic_write(record_path, json.dumps(record, indent=2).encode())
    try:
        _write_all(root, new_bytes, old_bytes)
    except DeployError:
        record_path.unlink(missing_ok=True)  # nothing was applied, so there is nothing to undo
        raise
    return sorted(changes)


class WorktreeDeployer:
    """Writes the fix into the project's working tree (see the module docstring)."""

    name = "worktree"

    def __init__(self, root: Path) -> None:
        self.root = root

    def deploy(self, fix: Fix) -> Outcome:
        files = apply_fix(self.root, fix.run_id, fix.texts, fix.snapshot_hashes)
        return Outcome("applied", f"Applied {fix.candidate.id} to {', '.join(files)}",
                       fix.candidate.id, tuple(files))


def latest_undo(root: Path) -> Path | None:
    """The newest undo record that has not been undone yet."""
    records = sorted((root / UNDO_DIR).glob("*.json")) if (root / UNDO_DIR).is_dir() else []
    return records[-1] if records else None


def undo_fix(root: Path, run_id: str | None = None, force: bool = False) -> tuple[str, list[str]]:
    """Restore the exact bytes a fix replaced; returns (run id, paths restored).

    Refuses, changing nothing, when a file was edited after the fix (unless ``force``).
    """
    record_path = (root / UNDO_DIR / f"{run_id}.json") if run_id else latest_undo(root)
    if record_path is None or not record_path.is_file():
        which = f"for run {run_id}" if run_id else "in this project"
        raise DeployError(f"no applied fix to undo {which}")
    record = json.loads(record_path.read_text(encoding="utf-8"))
    files: dict[str, dict[str, str | None]] = record["files"]
    old_bytes: dict[str, bytes | None] = {}
    restore: dict[str, bytes] = {}
    for path, entry in sorted(files.items()):
        target = root / path
        current = target.read_bytes() if target.is_file() else None
        old_bytes[path] = current
        if not force and (current is None or _sha(current) != entry["applied_sha256"]):
            raise DeployError(
                f"{path} was edited after the fix; nothing was undone",
                "use --force to restore the pre-fix bytes anyway",
            )
        original = entry["original"]
        if original is not None:
            restore[path] = base64.b64decode(original)
    _write_all(root, restore, old_bytes)
    for path, entry in files.items():
        if entry["original"] is None:
            (root / path).unlink(missing_ok=True)
    record_path.rename(record_path.with_suffix(".undone"))
    return record["run_id"], sorted(files)
