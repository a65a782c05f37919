"""Compiled bytecode carried from one workspace to the next.

Every workspace starts as a fresh copy of the snapshot, so without help each test run would
compile the project's modules again, and pytest would parse and rewrite the assertions of every
test module again. The first run in an unchanged workspace leaves ``__pycache__`` folders
behind; they are kept here and copied into later workspaces, except for the files a candidate
changes. Python and pytest check each ``.pyc`` against its source's modification time and size
before using it, so a kept file is only ever used for the source it was compiled from.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Collection
from pathlib import Path

from homeostasis.tools.sandbox.snapshot import Snapshot

CACHE_DIR = "__pycache__"


def source_of(pyc: Path) -> Path:
    """The source a ``__pycache__/name.<tag>[-pytest-x.y].pyc`` file was compiled from."""
    return pyc.parent.parent / (pyc.name.split(".", 1)[0] + ".py")


class BytecodeCache:
    """The ``.pyc`` files of one snapshot, kept under ``store``; thread-safe."""

    def __init__(self, snapshot: Snapshot, store: Path) -> None:
        self.snapshot = snapshot
        self.store = store
        self._files: list[str] = []
        self._filled = False
        self._lock = threading.Lock()

    def seed(self, root: Path, changed: Collection[str]) -> None:
        """Copy the kept files into the workspace at ``root``, but none for ``changed``."""
        with self._lock:
            files = list(self._files)
        for rel in files:
            if source_of(Path(rel)).as_posix() in changed:
                continue
            target = root / rel
            target.parent.mkdir(exist_ok=True)
            shutil.copy2(self.store / rel, target)

    def harvest(self, root: Path) -> None:
        """Keep the ``.pyc`` files an unchanged workspace at ``root`` made, once per snapshot:
        only those whose source still has the snapshot's size and modification time (a test
        that rewrote a module does not get its bytecode kept)."""
        with self._lock:
            if self._filled:
                return
            kept = []
            for pyc in sorted(root.rglob(f"{CACHE_DIR}/*.pyc")):
                rel = pyc.relative_to(root)
                source = source_of(rel)
                if source.as_posix() not in self.snapshot.hashes:
                    continue
                now, then = (root / source).stat(), (self.snapshot.root / source).stat()
                if (now.st_size, now.st_mtime_ns) != (then.st_size, then.st_mtime_ns):
                    continue
                (self.store / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(pyc, self.store / rel)
                kept.append(rel.as_posix())
            self._files = kept
            self._filled = bool(kept)
