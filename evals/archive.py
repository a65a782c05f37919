"""Folders packed into bytes and unpacked elsewhere: how an instance's project (and hidden
tests) travel to the Ray node that repairs it, and how the run's records travel back. No
shared file system is assumed.

A pack is a gzipped tar of named folders. Version-control folders, caches and Homeostasis'
own records are left out (:data:`LEFT_OUT`); symbolic links travel as links. Unpacking takes
only regular files, folders and links that stay inside the destination: a pack is data from
another machine, and a member that would land outside it is refused.
"""

from __future__ import annotations

import io
import tarfile
from collections.abc import Mapping
from pathlib import Path

from homeostasis.core.errors import UsageError

#: Folders never packed: the loop ignores them too, and a repository's history can be huge.
LEFT_OUT = frozenset({".git", ".hg", ".svn", ".homeostasis", "__pycache__", ".pytest_cache",
                      ".mypy_cache", ".ruff_cache", ".tox", ".nox"})


def pack(folders: Mapping[str, Path]) -> bytes:
    """The ``folders`` (name in the pack → folder on disk) as one gzipped tar."""
    buffer = io.BytesIO()

    def keep(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
        return None if LEFT_OUT & set(Path(info.name).parts[1:]) else info

    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=1) as tar:
        for name, folder in folders.items():
            if not folder.is_dir():
                raise UsageError(f"cannot send {folder}: not a folder")
            tar.add(folder, arcname=name, recursive=True, filter=keep)
    return buffer.getvalue()


def unpack(data: bytes, dest: Path) -> None:
    """Unpack a :func:`pack` into ``dest`` (made if missing); members that are not files,
    folders or links, or that would land outside ``dest``, are refused (tarfile's ``data``
    filter)."""
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        tar.extractall(dest, filter="data")
