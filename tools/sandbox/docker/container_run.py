"""Runs one command inside a sandbox container and reports what happened.

This file runs as a script inside the container, beside ``processes.py`` (standard library
only: the container's Python may differ from Homeostasis' own):

    python3 container_run.py SPEC_JSON        (or @FILE holding it)

SPEC is a ``RunnerSpec`` (``runner_messages.py``): ``argv``, ``cwd``, ``env``, ``timeout``
(seconds), ``output_limit`` (bytes), ``scratch`` (a folder whose files the run writes come back
with the result), ``warm`` (the socket of the container's warm pytest server,
``warm_socket.py``, when the command is a plain pytest run it can fork; otherwise null) and
``put`` (files to write first: path → base64, written as the runner's user). The
command runs in its own process group; its output is kept up to the limit, past which the group
is killed; at the deadline the group is killed. Standard output gets one JSON line of facts, a
``RunnerFacts`` — ``returncode``, ``timed_out``, ``output_capped``, ``oom_killed``,
``pids_exhausted``, ``disk_full``, ``not_found`` and ``files`` (name → base64 of each file the
run wrote directly in ``scratch``, up to a total size) — then the kept output's tail.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import socket
import subprocess
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same files as Homeostasis imports them, for their types
    from homeostasis.tools.sandbox.docker.runner_messages import RunnerFacts, RunnerSpec
    from homeostasis.tools.sandbox.processes import (
        all_pids,
        kill_pgid,
        kill_until_gone,
        set_dumpable,
    )
else:  # beside this script in the container
    from processes import all_pids, kill_pgid, kill_until_gone, set_dumpable

TAIL = 256 * 1024
#: Seconds between checks that the command is still running.
POLL = 0.1
#: Seconds its output may still arrive once the command has ended.
DRAIN = 0.5
#: The most bytes of written files sent back with a result (larger ones are fetched apart).
FILES_BUDGET = 8 * 1024 * 1024
_COUNTERS = {
    "oom_killed": ("/sys/fs/cgroup/memory/memory.oom_control", "/sys/fs/cgroup/memory.events",
                   "oom_kill"),
    "pids_exhausted": ("/sys/fs/cgroup/pids/pids.events", "/sys/fs/cgroup/pids.events", "max"),
}
_SCRATCH_FILESYSTEMS = ("/hs", "/tmp")


def _counter(paths: tuple[str, str, str]) -> int:
    """A cgroup event counter (cgroup v1 or v2); 0 when neither file can be read."""
    *files, key = paths
    for path in files:
        try:
            with open(path, encoding="ascii") as fh:
                for line in fh:
                    name, _, value = line.partition(" ")
                    if name == key:
                        return int(value)
        except (OSError, ValueError):
            continue
    return 0


def _full(path: str) -> bool:
    try:
        stat = os.statvfs(path)
    except OSError:
        return False
    return stat.f_bavail * stat.f_frsize < 1024 * 1024


class _Forked:
    """A run forked by the warm server: its output arrives on our pipe, its exit code on the
    socket."""

    def __init__(self, spec: RunnerSpec, server: str) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.sock.settimeout(30)
        self.sock.connect(server)
        read, write = os.pipe()
        request = {"args": spec["argv"][3:], "cwd": spec["cwd"], "env": spec["env"]}
        try:
            socket.send_fds(self.sock, [json.dumps(request).encode()], [write])
        finally:
            os.close(write)
        self.stdout = read
        self.pid = int(json.loads(self.sock.recv(65536))["pid"])
        self.sock.setblocking(False)
        self.returncode: int | None = None

    def poll(self) -> None:
        with contextlib.suppress(BlockingIOError, ValueError):
            message = self.sock.recv(65536)
            self.returncode = int(json.loads(message)["returncode"]) if message else -9

    def finished(self) -> bool:
        if self.returncode is None:
            with contextlib.suppress(OSError):
                self.poll()
        return self.returncode is not None

    def wait(self) -> int:
        self.sock.setblocking(True)
        self.sock.settimeout(10)
        while self.returncode is None:
            try:
                self.poll()
            except OSError:
                self.returncode = -9
        self.sock.close()
        return self.returncode


class _Spawned:
    """A run started as a fresh process."""

    def __init__(self, spec: RunnerSpec) -> None:
        self.proc = subprocess.Popen(
            spec["argv"], cwd=spec["cwd"], env=spec["env"], stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        )
        assert self.proc.stdout is not None
        self.stdout = self.proc.stdout.fileno()
        self.pid = self.proc.pid

    def finished(self) -> bool:
        return self.proc.poll() is not None

    def wait(self) -> int:
        return self.proc.wait()


def _start(spec: RunnerSpec) -> _Forked | _Spawned:
    server = spec.get("warm")
    if server:
        try:
            return _Forked(spec, server)
        except (OSError, ValueError, KeyError):
            pass  # no server (yet, or any more): a fresh process does the same
    return _Spawned(spec)


def _written(folder: str | None, since: float, budget: int) -> dict[str, str]:
    """Files written in ``folder`` (not below it) since ``since``, base64, within ``budget``."""
    files: dict[str, str] = {}
    if not folder:
        return files
    with contextlib.suppress(OSError):
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            info = entry.stat(follow_symlinks=False)
            if entry.is_file(follow_symlinks=False) and info.st_mtime >= since - 1:
                if info.st_size > budget:
                    continue
                budget -= info.st_size
                with open(entry.path, "rb") as fh:
                    files[entry.name] = base64.b64encode(fh.read()).decode("ascii")
    return files


def _put(files: dict[str, str]) -> None:
    """Write the files the host put (path → base64), making their folders."""
    for path, data in files.items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(base64.b64decode(data))


def _kill_strays(keep: set[int]) -> None:
    """Kill every process of the container that was not there before the command (one
    command runs at a time per container): what left the command's process group too."""
    kill_until_gone(lambda: all_pids() - keep - {os.getpid()}, rounds=3, pause=0.05)


def main() -> None:
    set_dumpable(False)  # out of reach of the project's code (same user)
    arg = sys.argv[1]
    if arg.startswith("@"):  # a long spec comes as a file
        with open(arg[1:], encoding="utf-8") as fh:
            arg = fh.read()
    spec: RunnerSpec = json.loads(arg)
    _put(spec.get("put", {}))
    keep = all_pids()
    before = {name: _counter(paths) for name, paths in _COUNTERS.items()}
    facts: RunnerFacts = {"returncode": None, "timed_out": False, "output_capped": False,
                          "not_found": False}
    kept = bytearray()
    size = 0
    started = time.time()
    try:
        run = _start(spec)
    except OSError as exc:
        facts["not_found"] = True
        sys.stdout.write(json.dumps(facts) + "\n" + str(exc))
        return
    deadline = time.monotonic() + float(spec["timeout"])
    ended_at: float | None = None
    while True:
        now = time.monotonic()
        if now >= deadline:
            facts["timed_out"] = True
            break
        if ended_at is None and run.finished():
            ended_at = now  # what it printed last may still be in the pipe
        if ended_at is not None and now - ended_at > DRAIN:
            break  # a process that left the group holds the pipe open
        ready, _, _ = select.select([run.stdout], [], [], min(deadline - now, POLL))
        if not ready:
            continue
        chunk = os.read(run.stdout, 65536)
        if not chunk:
            break
        size += len(chunk)
        kept += chunk
        if len(kept) > 2 * TAIL:
            del kept[: len(kept) - TAIL]
        if size > int(spec["output_limit"]):
            facts["output_capped"] = True
            break
    kill_pgid(run.pid)
    os.close(run.stdout)
    returncode = run.wait()
    _kill_strays(keep)
    moved = {name: _counter(paths) > before[name] for name, paths in _COUNTERS.items()}
    facts["oom_killed"], facts["pids_exhausted"] = moved["oom_killed"], moved["pids_exhausted"]
    facts["disk_full"] = any(_full(path) for path in _SCRATCH_FILESYSTEMS)
    facts["returncode"] = None if facts["timed_out"] else returncode
    facts["files"] = _written(spec.get("scratch"), started, FILES_BUDGET)
    sys.stdout.write(json.dumps(facts) + "\n")
    sys.stdout.flush()
    tail = bytes(kept[-TAIL:])
    if size > len(tail):  # marked as the local sandbox marks it
        os.write(1, f"[… {size - len(tail)} bytes of output cut …]\n".encode())
    os.write(1, tail)


if __name__ == "__main__":
    main()
