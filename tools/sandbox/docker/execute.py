"""Commands in a sandbox container: ``exec`` with a deadline (the SDK has none), and a command
run through the in-container runner (``container_run.py``), whose report is decoded into a
:class:`CommandResult` and the files the command wrote.

The runner kills the command at its deadline; a host-side timer removes the whole container if
even that does not answer.
"""

from __future__ import annotations

import base64
import json
import os
import re
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from homeostasis.core.errors import SandboxError
from homeostasis.tools.sandbox.base import CommandResult, CommandStatus
from homeostasis.tools.sandbox.docker.archive import tar
from homeostasis.tools.sandbox.docker.engine import short
from homeostasis.tools.sandbox.docker.layout import (
    BASE_ENV,
    HOME,
    PYTHON,
    ROOT,
    RUN_DIR,
    RUNNER,
    SPEC,
    USER,
    WARM_SOCKET,
)
from homeostasis.tools.sandbox.docker.pool import ContainerPool, Slot
from homeostasis.tools.sandbox.docker.runner_messages import RunnerFacts, RunnerSpec
from homeostasis.tools.sandbox.limits import Facts, Limits, classify
from homeostasis.tools.sandbox.warmable import accepts

#: Seconds past a command's deadline before the host gives up on the container.
GRACE = 10.0
#: A spec longer than this goes in as a file, not as an argument (the kernel caps those).
SPEC_ARGUMENT_MAX = 64 * 1024


@dataclass(frozen=True)
class Executed:
    """What a command did, and the files it wrote directly in its scratch folder (name →
    bytes; larger ones are left to ``read_file``)."""

    result: CommandResult
    written: dict[str, bytes] = field(default_factory=dict)


def host_python(arg: str) -> bool:
    """Whether ``arg`` names a Python of the host (Homeostasis' own, or the project's by its
    path): in a container, the image's Python with the project's dependencies takes its place."""
    return arg == sys.executable or (os.path.isabs(arg) and re.fullmatch(
        r"python(3(\.\d+)?)?", os.path.basename(arg)) is not None)


class Executor:
    """Runs commands in ``pool``'s containers, with ``limits`` and the host variables
    ``env`` the user named; a container whose command outlives its deadline is removed."""

    def __init__(self, client: Any, pool: ContainerPool, limits: Limits,
                 env: Mapping[str, str]) -> None:
        self.client = client
        self.pool = pool
        self.limits = limits
        self.env = dict(env)

    def exec(self, slot: Slot, argv: Sequence[str], deadline: float, user: str = USER
             ) -> bytes:
        """Run ``argv`` in the container (as the sandbox user unless ``user``); the container
        is removed if the call outlives ``deadline`` (seconds)."""
        api = self.client.api
        exec_id = api.exec_create(slot.container.id, list(argv), user=user,
                                  workdir=str(HOME))["Id"]
        timer = threading.Timer(deadline, self.pool.remove, args=(slot,))
        timer.daemon = True
        timer.start()
        try:
            return bytes(api.exec_start(exec_id))
        finally:
            timer.cancel()

    def must(self, slot: Slot, argv: Sequence[str], what: str, user: str = USER) -> None:
        """Run a step of preparing a workspace; a :class:`SandboxError` when it fails."""
        output = self.exec(slot, [*argv[:-1], f"{argv[-1]} && echo HOMEOSTASIS-OK"], 120, user)
        if not output.rstrip().endswith(b"HOMEOSTASIS-OK"):
            tail = output.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise SandboxError(f"cannot {what}: {tail[0][:200]}",
                               "the project may not fit the sandbox disk: raise disk_mb")

    def run(self, slot: Slot, argv: Sequence[str], cwd: Path, scratch: Path, timeout: float,
            env: Mapping[str, str] | None = None, put: Mapping[str, bytes] | None = None
            ) -> Executed:
        """Run ``argv`` in ``cwd`` through the runner, which first writes the files ``put``
        (container path → bytes); what it did, and the files it wrote directly in
        ``scratch``."""
        args = tuple(argv)
        if self.pool.cancelled:
            return Executed(CommandResult(args, "killed", None, "cancelled", 0.0))
        start = time.monotonic()
        python = self.pool.python or PYTHON
        spec: RunnerSpec = {
            "argv": [python if i == 0 and host_python(a) else a for i, a in enumerate(args)],
            "cwd": str(cwd), "timeout": timeout,
            "output_limit": self.limits.output_mb * 1024 * 1024,
            "env": {**BASE_ENV, **self.env, **(env or {})},
            "scratch": str(scratch),
            "warm": str(WARM_SOCKET) if accepts(args, env) else None,
        }
        if put:
            spec["put"] = {path: base64.b64encode(data).decode("ascii")
                           for path, data in put.items()}
        text = json.dumps(spec)
        try:
            if len(text) > SPEC_ARGUMENT_MAX:  # thousands of test ids: in as a file
                slot.container.put_archive(str(RUN_DIR), tar({SPEC.name: text.encode()},
                                                             owner=ROOT))
                text = f"@{SPEC}"
            raw = self.exec(slot, [python, str(RUNNER), text], timeout + GRACE)
        except Exception as exc:  # the container died or was removed at the deadline
            status: CommandStatus = "killed" if self.pool.cancelled else "timeout"
            return Executed(CommandResult(args, status, None,
                                          f"the container stopped: {short(exc)}",
                                          time.monotonic() - start))
        return decode(args, raw, self.pool.cancelled, time.monotonic() - start)


def decode(args: tuple[str, ...], raw: bytes, cancelled: bool, duration: float) -> Executed:
    """What the runner's output ``raw`` (a line of :class:`RunnerFacts`, then the command's
    output) says the command ``args`` did."""
    head, _, rest = raw.partition(b"\n")
    try:
        facts: RunnerFacts = json.loads(head)
    except ValueError:  # the runner itself could not run: say what the exec said
        said = raw.decode("utf-8", "replace").strip()[-4000:] or "no output"
        return Executed(CommandResult(args, "killed" if cancelled else "error", None,
                                      f"the sandbox could not run the command: {said}",
                                      duration))
    written = {name: base64.b64decode(data) for name, data in facts.get("files", {}).items()}
    return Executed(_result(args, facts, rest.decode("utf-8", "replace"), cancelled, duration),
                    written)


def _result(args: tuple[str, ...], facts: RunnerFacts, output: str, cancelled: bool,
            duration: float) -> CommandResult:
    """The :class:`CommandResult` of what the runner reported."""
    if facts.get("not_found"):
        return CommandResult(args, "not_found", None, output, duration)
    if cancelled:
        return CommandResult(args, "killed", None, output, duration)
    if facts.get("timed_out"):
        return CommandResult(args, "timeout", None, output, duration)
    rc = facts.get("returncode")
    seen = Facts(output_capped=bool(facts.get("output_capped")),
                 oom_killed=bool(facts.get("oom_killed")),
                 pids_exhausted=bool(facts.get("pids_exhausted")),
                 disk_full=bool(facts.get("disk_full")))
    return CommandResult(args, "ok", rc, output, duration, classify(seen, output, rc))
