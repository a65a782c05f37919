"""Runs one command inside a sandbox container and reports what happened.

This file runs as a standalone script inside the container (standard library only; the
container's Python may differ from Homeostasis' own):

    python3 container_run.py SPEC_JSON

SPEC holds ``argv``, ``cwd``, ``env``, ``timeout`` (seconds) and ``output_limit`` (bytes). The
command runs in its own process group; its output is kept up to the limit, past which the group
is killed; at the deadline the group is killed. Standard output gets one JSON line of facts —
``returncode``, ``timed_out``, ``output_capped``, ``oom_killed``, ``pids_exhausted``,
``disk_full``, ``not_found`` — then the kept output's tail.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import time

TAIL = 256 * 1024
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


def _kill(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def main() -> None:
    spec = json.loads(sys.argv[1])
    before = {name: _counter(paths) for name, paths in _COUNTERS.items()}
    facts: dict[str, object] = {"timed_out": False, "output_capped": False, "not_found": False}
    kept = bytearray()
    size = 0
    try:
        proc = subprocess.Popen(
            spec["argv"], cwd=spec["cwd"], env=spec["env"], stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        )
    except OSError as exc:
        facts.update(not_found=True, returncode=None)
        sys.stdout.write(json.dumps(facts) + "\n" + str(exc))
        return
    assert proc.stdout is not None
    deadline = time.monotonic() + float(spec["timeout"])
    stream = proc.stdout.fileno()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            facts["timed_out"] = True
            break
        ready, _, _ = select.select([stream], [], [], left)
        if not ready:
            continue
        chunk = os.read(stream, 65536)
        if not chunk:
            break
        size += len(chunk)
        kept += chunk
        if len(kept) > 2 * TAIL:
            del kept[: len(kept) - TAIL]
        if size > int(spec["output_limit"]):
            facts["output_capped"] = True
            break
    _kill(proc.pid)
    proc.stdout.close()
    returncode = proc.wait()
    after = {name: _counter(paths) for name, paths in _COUNTERS.items()}
    facts.update({name: after[name] > before[name] for name in _COUNTERS})
    facts["disk_full"] = any(_full(path) for path in _SCRATCH_FILESYSTEMS)
    facts["returncode"] = None if facts["timed_out"] else returncode
    sys.stdout.write(json.dumps(facts) + "\n")
    sys.stdout.flush()
    os.write(1, bytes(kept[-TAIL:]))


if __name__ == "__main__":
    main()
