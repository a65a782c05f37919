"""The processes of the local sandbox: each command forked from a warm pytest server when it
can take it (:mod:`.warm`, one server per run in flight: :mod:`.warm_pool`), else started fresh
(:mod:`.fresh`), both through ``isolate.py`` and in a pids cgroup of the run's own where this
machine allows one.
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path

from homeostasis.tools.sandbox.limits import Facts, Limits
from homeostasis.tools.sandbox.local import cgroups
from homeostasis.tools.sandbox.local.cgroups import PidsCgroups
from homeostasis.tools.sandbox.local.environment import homed, scrubbed_environ
from homeostasis.tools.sandbox.local.fresh import run_fresh
from homeostasis.tools.sandbox.local.isolation import IsolateSpec, isolate_command
from homeostasis.tools.sandbox.local.process import ProcessResult, Running, tail
from homeostasis.tools.sandbox.local.warm import WarmPytest, run_warm
from homeostasis.tools.sandbox.local.warm_pool import WarmPool

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
        self._servers = WarmPool()

    @property
    def warm_server(self) -> WarmPytest | None:
        """A warm server that runs, if any does (the first is started by the first command
        one can run)."""
        servers = self._servers.servers
        return servers[0] if servers else None

    @property
    def output_cap(self) -> int:
        """The output file's most bytes: past it the command is stopped (RLIMIT_FSIZE stops
        it anyway at ``disk_mb``)."""
        return min(self.limits.output_mb, self.limits.disk_mb) * 1024 * 1024

    def run(self, args: tuple[str, ...], cwd: Path, env: dict[str, str], scratch: Path,
            timeout: float, pids: PidsCgroups | None, warm: bool) -> ProcessResult:
        """Run ``args`` in ``cwd`` with exactly ``env``, forked from a warm server of its own if
        ``warm`` and one can, in a cgroup of ``pids`` (when given); its output goes to a file
        in ``scratch`` and its tail is kept."""
        fd, name = tempfile.mkstemp(prefix="out-", dir=scratch)
        os.close(fd)
        out = Path(name)
        server = (self._servers.take(args[0], lambda: self._start_server(pids, args[0]))
                  if warm else None)
        try:
            with self.running.cgroup(pids, self.limits.pids) as cgroup:
                ended = (run_warm(self.running, server, args, cwd, env, out, timeout,
                                  self.output_cap, cgroup) if server else None)
                if ended is None:
                    ended = run_fresh(self.running, self._spec_for(cgroup), args, cwd, env, out,
                                      timeout, self.output_cap)
                pids_exhausted = cgroup is not None and cgroups.exhausted(cgroup)
        finally:
            if server is not None:  # once the run's processes are all gone
                self._servers.give_back(server)
        facts = Facts(output_capped=out.stat().st_size >= self.output_cap,
                      pids_exhausted=pids_exhausted, disk_full=ended.exit_code == -signal.SIGXFSZ)
        output = ended.output or tail(out)
        out.unlink()
        return ProcessResult(ended.status, ended.exit_code, output, facts)

    def _start_server(self, pids: PidsCgroups | None, python: str) -> WarmPytest | None:
        """A new warm server run by ``python``, in a cgroup of ``pids`` (when given); None
        once cancelled."""
        def start() -> WarmPytest:
            env = homed(scrubbed_environ(), self.base / "warm-server")
            # Its runs move into cgroups of their own; this one holds the server.
            cgroup = pids.make(self.limits.pids) if pids is not None else None
            return WarmPytest(env, isolate_command(self._spec_for(cgroup)), python)

        return self.running.unless_cancelled(start)

    def cancel(self) -> None:
        """Kill whatever runs; later runs return ``killed``."""
        self.running.cancel()

    def close(self) -> None:
        """Kill whatever runs and stop the warm servers, and what their runs left behind."""
        self.cancel()
        self._servers.close()
