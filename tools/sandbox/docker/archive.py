"""The tar archives the Docker sandbox copies into containers (``put_archive``) and reads
files out of (``get_archive``)."""

from __future__ import annotations

import io
import tarfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath

from homeostasis.tools.sandbox.docker.layout import SNAPSHOT, USER
from homeostasis.tools.sandbox.snapshot import Snapshot


def tar(files: Mapping[str, bytes], folders: Sequence[str] = (), owner: str = USER) -> bytes:
    """A tar archive of ``files`` (relative path → bytes) and ``folders``, owned by ``owner``
    (``uid:gid``): the sandbox user for what the project may change, root for the rest."""
    buf = io.BytesIO()
    uid, gid = (int(n) for n in owner.split(":"))
    with tarfile.open(fileobj=buf, mode="w") as archive:
        made: set[str] = set()
        for path in [*folders, *files]:
            parts = PurePosixPath(path).parts
            last = len(parts) if path in folders else len(parts) - 1
            for depth in range(1, last + 1):
                folder = "/".join(parts[:depth])
                if folder not in made:
                    made.add(folder)
                    info = tarfile.TarInfo(folder)
                    info.type, info.mode, info.uid, info.gid = tarfile.DIRTYPE, 0o755, uid, gid
                    archive.addfile(info)
        for path, data in files.items():
            info = tarfile.TarInfo(path)
            info.size, info.mode, info.uid, info.gid = len(data), 0o644, uid, gid
            info.mtime = int(time.time())
            archive.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def folder_tar(folder: Path, arcname: str,
               each: Callable[[tarfile.TarInfo], tarfile.TarInfo] | None = None) -> bytes:
    """A tar archive of ``folder`` named ``arcname`` in it, each entry passed through
    ``each`` when given."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as archive:
        archive.add(folder, arcname=arcname, filter=each)
    return buf.getvalue()


def snapshot_tar(snapshot: Snapshot) -> bytes:
    """The snapshot as a tar archive rooted at ``snapshot/``, owned by root and writable by
    no one else: a run cannot change what the next workspace is reset from."""
    def own(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid, info.gid, info.uname, info.gname = 0, 0, "", ""
        info.mode &= ~0o022
        return info

    return folder_tar(snapshot.root, SNAPSHOT.name, own)


def first_file(stream: Iterable[bytes]) -> bytes | None:
    """The bytes of the file ``get_archive`` streamed; None when it is not a regular file."""
    with tarfile.open(fileobj=io.BytesIO(b"".join(stream))) as archive:
        member = archive.next()
        if member is None or not member.isfile():
            return None
        extracted = archive.extractfile(member)
        return extracted.read() if extracted else None
