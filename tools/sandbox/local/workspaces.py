"""The workspaces of the local sandbox: each a fresh copy of the snapshot in a folder of the
sandbox's own, with a candidate's changes written over it and the bytecode of earlier runs
copied in (:mod:`.bytecode`); removed when done with.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from homeostasis.tools.sandbox.base import CommandResult
from homeostasis.tools.sandbox.local.bytecode import BytecodeCache
from homeostasis.tools.sandbox.snapshot import Snapshot

if TYPE_CHECKING:
    from homeostasis.tools.sandbox.local.sandbox import LocalSandbox


@dataclass
class LocalWorkspace:
    root: Path
    scratch: Path
    sandbox: LocalSandbox

    def run(
        self, argv: Sequence[str], timeout: float, env: Mapping[str, str] | None = None
    ) -> CommandResult:
        return self.sandbox.run(argv, cwd=self.root, scratch=self.scratch, timeout=timeout, env=env)

    @property
    def tree(self) -> Path:
        return self.root

    def put_file(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def read_file(self, path: Path) -> bytes | None:
        try:
            return path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None


def write_changes(root: Path, snapshot: Snapshot, changes: Mapping[str, str]) -> None:
    """Write changed file texts into a workspace, each in its original encoding."""
    for path, text in changes.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(snapshot.encode(path, text))


class Workspaces:
    """The workspaces of one sandbox, numbered folders under ``base``; thread-safe."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self._lock = threading.Lock()
        self._count = 0
        self._bytecode: dict[Path, BytecodeCache] = {}

    @contextmanager
    def open(self, sandbox: LocalSandbox, snapshot: Snapshot, changes: Mapping[str, str]
             ) -> Iterator[LocalWorkspace]:
        """A fresh workspace of ``snapshot`` with ``changes``, whose commands ``sandbox``
        runs; the bytecode of an unchanged one is kept for the next."""
        with self._lock:
            self._count += 1
            n = self._count
            bytecode = self._bytecode.setdefault(
                snapshot.root, BytecodeCache(snapshot, self.base / f"bytecode-{n:04d}"))
        home = self.base / f"ws-{n:04d}"
        root, scratch = home / "project", home / "scratch"
        try:
            snapshot.copy_to(root)
            bytecode.seed(root, changes)
            scratch.mkdir()
            if changes:
                write_changes(root, snapshot, changes)
            yield LocalWorkspace(root=root, scratch=scratch, sandbox=sandbox)
            if not changes:
                bytecode.harvest(root)
        finally:
            shutil.rmtree(home, ignore_errors=True)
