"""The workspaces of the Docker sandbox: a container's ``/hs/ws/project``, reset from the
snapshot with one ``cp`` for each job. The snapshot is copied into a container once
(``put_archive``, never a bind mount of the user's tree), owned by root so no run can change
what the next workspace is reset from.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from homeostasis.tools.sandbox.base import CommandResult
from homeostasis.tools.sandbox.docker.archive import first_file, snapshot_tar, tar
from homeostasis.tools.sandbox.docker.execute import Executor
from homeostasis.tools.sandbox.docker.layout import HOME, ROOT, SNAPSHOT, WORKSPACE
from homeostasis.tools.sandbox.docker.pool import Slot
from homeostasis.tools.sandbox.snapshot import Snapshot


@dataclass
class DockerWorkspace:
    executor: Executor
    slot: Slot
    snapshot: Snapshot
    #: Files the last command wrote in ``scratch``, returned with its result.
    written: dict[str, bytes] = field(default_factory=dict)
    #: Files given to ``put_file`` since the last command: the next one writes them first.
    pending: dict[str, bytes] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return Path(WORKSPACE / "project")

    @property
    def scratch(self) -> Path:
        return Path(WORKSPACE / "scratch")

    @property
    def tree(self) -> Path:
        return self.snapshot.root

    def run(self, argv: Sequence[str], timeout: float, env: Mapping[str, str] | None = None
            ) -> CommandResult:
        pending, self.pending = self.pending, {}
        executed = self.executor.run(self.slot, argv, self.root, self.scratch, timeout, env,
                                     pending)
        self.written = executed.written
        return executed.result

    def put_file(self, path: Path, data: bytes) -> None:
        """Write a file for later commands. One in the workspace goes in with the next command
        (the runner writes it first, as the sandbox user), which saves an API call per file."""
        rel = PurePosixPath(path).relative_to(HOME)
        if PurePosixPath(path).is_relative_to(WORKSPACE):
            self.pending[str(path)] = data
        else:
            self.slot.container.put_archive(str(HOME), tar({str(rel): data}))

    def read_file(self, path: Path) -> bytes | None:
        import docker.errors

        if str(path) in self.pending:
            return self.pending[str(path)]
        if path.parent == self.scratch and path.name in self.written:
            return self.written[path.name]
        try:
            stream, _ = self.slot.container.get_archive(str(path))
        except docker.errors.NotFound:
            return None
        return first_file(stream)


class Workspaces:
    """Resets containers' workspaces with ``executor``; the snapshots' archives are made
    once each. Thread-safe."""

    def __init__(self, executor: Executor) -> None:
        self.executor = executor
        self._lock = threading.Lock()
        self._tars: dict[Path, bytes] = {}

    def reset(self, slot: Slot, snapshot: Snapshot, changes: Mapping[str, str]) -> None:
        """Make the container's workspace a fresh copy of ``snapshot`` with ``changes``."""
        must = self.executor.must
        if slot.snapshot != snapshot.root:
            with self._lock:
                if snapshot.root not in self._tars:
                    self._tars[snapshot.root] = snapshot_tar(snapshot)
                archive = self._tars[snapshot.root]
            must(slot, ["sh", "-c", f"rm -rf {SNAPSHOT}"], "clear the old snapshot", ROOT)
            slot.container.put_archive(str(HOME), archive)
            slot.snapshot = snapshot.root
        must(slot, ["sh", "-c", f"find {WORKSPACE} -mindepth 1 -maxdepth 1 -exec rm -rf "
                    f"{{}} + && mkdir -p {WORKSPACE}/scratch/home {WORKSPACE}/scratch/tmp "
                    f"&& cp -R --preserve=mode,timestamps {SNAPSHOT} {WORKSPACE}/project"],
             "copy the project into a workspace")
        if changes:
            encoded = {f"project/{p}": snapshot.encode(p, t) for p, t in changes.items()}
            slot.container.put_archive(str(WORKSPACE), tar(encoded))
