"""The local sandbox: each workspace is a copy of the snapshot in a temp folder, and each
command runs in its own session and process group, killed as a group at its deadline, isolated
by ``isolate.py`` (its own network and mount namespaces, resource limits) and, where the machine
allows, in a pids cgroup of its own that also catches the processes that left the group.

Environment variables that look like credentials are not passed to the project's code.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from homeostasis.tools.sandbox.base import CommandResult
from homeostasis.tools.sandbox.limits import Limits, classify
from homeostasis.tools.sandbox.local import cgroups
from homeostasis.tools.sandbox.local.cgroups import PidsCgroups, join_file
from homeostasis.tools.sandbox.local.environment import homed, scrubbed_environ
from homeostasis.tools.sandbox.local.isolation import (
    IsolateSpec,
    Isolation,
    probe,
    shield_from_tracing,
)
from homeostasis.tools.sandbox.local.runner import ProcessRunner
from homeostasis.tools.sandbox.local.workspaces import LocalWorkspace, Workspaces
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.sandbox.warmable import accepts

_NO_CGROUP = "this user may not make one here"
_SANDBOX_IDS = itertools.count(1)


class LocalSandbox:
    """Runs commands on this machine, in temp copies under ``base`` (a fresh temp dir when
    omitted), each through ``isolate.py``: no network, nothing writable outside ``base`` but a
    ``/dev/shm`` of the run's own, and ``limits`` on memory, file size, processes and output.
    What this kernel refuses a user is found once (``isolation``) and said in ``warnings``."""

    name = "local"

    def __init__(self, base: Path | None = None, warm: bool = True, limits: Limits | None = None,
                 protect: Sequence[Path] = ()) -> None:
        self.base = base or Path(tempfile.mkdtemp(prefix="homeostasis-"))
        self.warm = warm
        self.limits = limits or Limits()
        #: Folders the project's code must not write to (the user's project, their home).
        self.protect = tuple(protect)
        self.runner = ProcessRunner(self.base, self.limits, self._spec)
        self._workspaces = Workspaces(self.base)
        self._probe_lock = threading.Lock()
        self._isolation: Isolation | None = None
        self._cgroups: PidsCgroups | None = None

    @property
    def isolation(self) -> Isolation:
        """What isolation this machine allows: probed once, before the first command."""
        return self._setup()

    def _setup(self) -> Isolation:
        with self._probe_lock:
            if self._isolation is None:
                shield_from_tracing()
                self.base.mkdir(parents=True, exist_ok=True)
                self._cgroups = PidsCgroups.open(f"{os.getpid()}-{next(_SANDBOX_IDS)}")
                cgroup = self._cgroups.make(self.limits.pids) if self._cgroups else None
                self._isolation = probe(self._spec(cgroup), "" if cgroup else _NO_CGROUP)
                if cgroup is not None:
                    cgroups.remove(cgroup)
            return self._isolation

    @property
    def warnings(self) -> list[str]:
        """What isolation is missing here, one line each, for the caller to print."""
        return self.isolation.warnings()

    def _spec(self, cgroup: Path | None) -> IsolateSpec:
        """What ``isolate.py`` sets up for one command (or for the warm server)."""
        mb = self.limits
        return {"writable": [str(self.base.resolve())], "protect": [str(p) for p in self.protect],
                "memory_mb": mb.memory_mb, "disk_mb": mb.disk_mb, "pids": mb.pids,
                "join_cgroup": str(join_file(cgroup)) if cgroup else None,
                "status_fd": None}

    @contextmanager
    def workspace(
        self, snapshot: Snapshot, changes: Mapping[str, str] | None = None
    ) -> Iterator[LocalWorkspace]:
        with self._workspaces.open(self, snapshot, changes or {}) as workspace:
            yield workspace

    def run(
        self,
        argv: Sequence[str],
        cwd: Path,
        scratch: Path,
        timeout: float,
        env: Mapping[str, str] | None = None,
    ) -> CommandResult:
        """Run ``argv`` in ``cwd``; output goes to a file in ``scratch`` and its tail is kept.
        The command's ``HOME`` and ``TMPDIR`` are folders in ``scratch``."""
        args = tuple(argv)
        if self.runner.running.cancelled:
            return CommandResult(args, "killed", None, "cancelled", 0.0)
        start = time.monotonic()
        self._setup()
        ran = self.runner.run(args, cwd, homed(scrubbed_environ(env), scratch), scratch, timeout,
                              self._cgroups, warm=self.warm and accepts(args, env))
        limit = classify(ran.facts, ran.output, ran.exit_code) if ran.status == "ok" else None
        return CommandResult(args, ran.status, ran.exit_code, ran.output,
                             time.monotonic() - start, limit)

    def cancel(self) -> None:
        self.runner.cancel()

    def close(self) -> None:
        """Kill what still runs, stop the warm server and remove every workspace."""
        self.runner.close()
        if self._cgroups is not None:
            self._cgroups.close()
        shutil.rmtree(self.base, ignore_errors=True)
