"""A snapshot: a frozen copy of the project tree as it is right now, uncommitted changes
included, with the hash of every file so a later apply can tell what changed since."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from homeostasis.core.project import IGNORED_DIRS, encode_source, read_source


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ignore(directory: str, names: list[str]) -> set[str]:
    return {n for n in names if n in IGNORED_DIRS or n.endswith(".egg-info")}


@dataclass(frozen=True)
class Snapshot:
    """``root`` holds the copy; ``source`` is the user's tree it was taken from."""

    source: Path
    root: Path
    hashes: Mapping[str, str]

    @classmethod
    def take(cls, source: Path, dest: Path, extra: Mapping[str, str] | None = None
             ) -> Snapshot:
        """Copy ``source`` to ``dest`` (which must not exist), skipping caches, VCS data and
        virtual environments; symlinks are copied as links. ``extra`` (relative path → text)
        is written into the copy only: files a run adds, such as a reproduction test."""
        shutil.copytree(source, dest, symlinks=True, ignore=_ignore)
        for rel, text in (extra or {}).items():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            (dest / rel).write_text(text, encoding="utf-8")
        hashes = {
            p.relative_to(dest).as_posix(): sha256_file(p)
            for p in sorted(dest.rglob("*"))
            if p.is_file() and not p.is_symlink()
        }
        return cls(source=source, root=dest, hashes=hashes)

    def read(self, path: str) -> str | None:
        """The text of a snapshot file (None when missing or not decodable as source)."""
        return read_source(self.root / path)

    def read_bytes(self, path: str) -> bytes:
        return (self.root / path).read_bytes()

    def encode(self, path: str, text: str) -> bytes:
        """``text`` as the bytes of the file ``path`` of a workspace: in the encoding of the
        snapshot's file (UTF-8 for a new file)."""
        like = self.read_bytes(path) if path in self.hashes else b""
        return encode_source(text, like)

    def copy_to(self, dest: Path) -> None:
        """A fresh private copy of the snapshot at ``dest``."""
        shutil.copytree(self.root, dest, symlinks=True)
