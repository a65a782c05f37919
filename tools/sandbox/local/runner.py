"""The processes of the local sandbox: each command forked from the warm pytest server when it
can take it (:mod:`.warm`), else started fresh (:mod:`.fresh`), both through ``isolate.py`` and
in a pids cgroup of the run's own where this machine allows one.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from homeostasis.tools.sandbox.limits import Facts, Limits
from homeostasis.tools.sandbox.local import cgroups
from homeostasis.tools.sandbox.local.cgroups import PidsCgroups
from homeostasis.tools.sandbox.local.environment import homed, scrubbed_environ
from homeostasis.tools.sandbox.local.fresh import run_fresh
from homeostasis.tools.sandbox.local.isolation import (
    IsolateSpec,
    isolate_command,
    kill_namespace,
    network_namespace,
)
from homeostasis.tools.sandbox.local.process import ProcessResult, Running, tail
from homeostasis.tools.sandbox.local.warm import WarmPytest, run_warm

#: The ``isolate.py`` spec of a command in the given pids cgroup (or none).
SpecFor = Callable[[Path | None], IsolateSpec]


class ProcessRunner:
    """Runs the project's commands as processes, with ``limits``; the warm server's own files
    go under ``base``; ``spec_for`` says how ``isolate.py`` isolates each. Thread-safe."""

    def __init__(self, base: Path, limits: Limits, spec_for: SpecFor) -> None:
        self.base = base
        self.limits = limits
        self._spec_for = spec_for
        self.running = Running()
        self._server_lock = threading.Lock()
        #: Started by the first command it can run.
        self.warm_server: WarmPytest | None = None

    @property
    def output_cap(self) -> int:
        """The output file's most bytes: past it the command is stopped (RLIMIT_FSIZE stops
        it anyway at ``disk_mb``)."""
        return min(self.limits.output_mb, self.limits.disk_mb) * 1024 * 1024

    def run(self, args: tuple[str, ...], cwd: Path, env: dict[str, str], scratch: Path,
            timeout: float, pids: PidsCgroups | None, warm: bool) -> ProcessResult:
        """Run ``args`` in ``cwd`` with exactly ``env``, forked from the warm server if
        ``warm`` and it can, in a cgroup of ``pids`` (when given); its output goes to a file
        in ``scratch`` and its tail is kept."""
        fd, name = tempfile.mkstemp(prefix="out-", dir=scratch)
        os.close(fd)
        out = Path(name)
        with self.running.cgroup(pids, self.limits.pids) as cgroup:
            server = self._server(pids) if warm else None
            ended = (run_warm(self.running, server, args, cwd, env, out, timeout,
                              self.output_cap, cgroup) if server else None)
            if ended is None:
                ended = run_fresh(self.running, self._spec_for(cgroup), args, cwd, env, out,
                                  timeout, self.output_cap)
            pids_exhausted = cgroup is not None and cgroups.exhausted(cgroup)
        facts = Facts(output_capped=out.stat().st_size >= self.output_cap,
                      pids_exhausted=pids_exhausted, disk_full=ended.exit_code == -signal.SIGXFSZ)
        output = ended.output or tail(out)
        out.unlink()
        return ProcessResult(ended.status, ended.exit_code, output, facts)

    def _server(self, pids: PidsCgroups | None) -> WarmPytest | None:
        with self._server_lock:
            if self.warm_server is None:
                self.warm_server = self.running.unless_cancelled(lambda: self._start_server(pids))
            return self.warm_server

    def _start_server(self, pids: PidsCgroups | None) -> WarmPytest:
        env = homed(scrubbed_environ(), self.base / "warm-server")
        # Its runs move into cgroups of their own; this one holds the server.
        cgroup = pids.make(self.limits.pids) if pids is not None else None
        return WarmPytest(env, isolate_command(self._spec_for(cgroup)))

    def cancel(self) -> None:
        """Kill whatever runs; later runs return ``killed``."""
        self.running.cancel()

    def close(self) -> None:
        """Kill whatever runs and stop the warm server, and what its runs left behind."""
        self.cancel()
        if self.warm_server is not None:
            netns = network_namespace(self.warm_server.pid)
            self.warm_server.close()
            if netns:  # what its runs left behind that no cgroup held
                kill_namespace(netns)
