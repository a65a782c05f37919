"""The host side of ``isolate.py``: the command prefix that runs a command through it, the probe
the local sandbox runs once to learn what this kernel and user allow, and what is missing said
in words the user can act on.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

from homeostasis.tools.sandbox.processes import all_pids, kill_until_gone, set_dumpable

ISOLATE = Path(__file__).with_name("isolate.py")
_DOCKER = "use --sandbox docker for untrusted code"


class IsolateSpec(TypedDict):
    """What ``isolate.py`` sets up for a command (its docstring says what each key does)."""

    writable: list[str]
    protect: list[str]
    memory_mb: int
    disk_mb: int
    pids: int
    join_cgroup: str | None
    status_fd: int | None


def isolate_command(spec: IsolateSpec) -> list[str]:
    """The argv prefix that sets up isolation by ``spec`` and then runs what follows it.
    ``-I -S``: the script needs nothing but the standard library, so it starts fast and no
    ``PYTHON*`` variable or site file of the host changes what it does."""
    return [*_script(), json.dumps(dict(spec)), "--"]


def _script() -> list[str]:
    return [sys.executable, "-I", "-S", str(ISOLATE)]


@dataclass(frozen=True)
class Isolation:
    """What ``isolate.py --probe`` found works for this user on this kernel."""

    network: bool = False
    readonly: bool = False
    #: A tmpfs of each command's own over ``/dev/shm``, so no file it leaves there reaches the
    #: host or a later run.
    private_shm: bool = False
    #: "cgroup", "nproc" (RLIMIT_NPROC over all the user's processes) or None.
    pid_limit: str | None = None
    #: No capability left after the exec (for an ordinary user: in a user namespace of its own),
    #: so the project's code cannot read other processes' ``/proc/PID/environ``.
    privileges_dropped: bool = False
    root: bool = False
    #: Protected folders (the user's project, home) the project's code could still write to.
    writable_protected: tuple[str, ...] = ()
    #: Step → why the kernel refused it.
    problems: Mapping[str, str] = field(default_factory=dict)

    @property
    def contains_forks(self) -> bool:
        """Whether a fork bomb is contained: its processes capped, and every one of them found
        again at the end, by its cgroup or by the network namespace no process can leave."""
        return self.pid_limit == "cgroup" or (self.pid_limit == "nproc" and self.network)

    @classmethod
    def from_report(cls, report: Mapping[str, Any]) -> Isolation:
        return cls(network=bool(report.get("network")), readonly=bool(report.get("readonly")),
                   private_shm=bool(report.get("private_shm")),
                   pid_limit=report.get("pid_limit"),
                   privileges_dropped=bool(report.get("privileges_dropped")),
                   root=report.get("uid") == 0,
                   writable_protected=tuple(report.get("writable_protected", ())),
                   problems=dict(report.get("problems", {})))

    def _cause(self, *steps: str) -> str:
        """Why the first of ``steps`` the kernel refused was refused; a refused user namespace
        is the cause of the rest."""
        causes = (self.problems.get(step) for step in ("user_namespace", *steps))
        return next((cause for cause in causes if cause), "no reason given")

    def _file_warnings(self) -> list[str]:
        """What is missing of the read-only file system and the private /dev/shm."""
        found = []
        protected = ", ".join(self.writable_protected)
        if not self.readonly:
            found.append("no read-only file system: the kernel refused a private mount "
                         f"namespace or remount ({self._cause('mounts')}); the project's code "
                         f"can write wherever you can ({protected or 'your files'} included); "
                         f"{_DOCKER}")
        elif protected:
            found.append(f"still writable to the project's code: {protected}; {_DOCKER}")
        if not self.private_shm:
            found.append("no private /dev/shm: the kernel refused a tmpfs there "
                         f"({self._cause('mounts', 'shm')}); files the project's code leaves "
                         f"in /dev/shm stay on this machine and later runs can read them; "
                         f"{_DOCKER}")
        return found

    def warnings(self) -> list[str]:
        """One line per missing protection: what is missing, what it means."""
        problem = self.problems.get
        found = []
        if not self.network:
            found.append("no network isolation: the kernel refused a new network namespace "
                         f"({self._cause('network')}); the project's code can reach the "
                         f"network; {_DOCKER}")
        found += self._file_warnings()
        if self.pid_limit is None:
            root = " and RLIMIT_NPROC does not bind root" if self.root else ""
            found.append(f"no process limit: no pids cgroup could be made ({problem('cgroup')})"
                         f"{root}; a fork bomb in the project's code is not contained; "
                         f"{_DOCKER}")
        elif self.pid_limit == "nproc":
            until = "its run until the sandbox closes" if self.contains_forks else "the sandbox"
            found.append(f"no pids cgroup ({problem('cgroup')}): processes are limited with "
                         "RLIMIT_NPROC, counted over all of your processes, and a process that "
                         f"leaves its session may outlive {until}")
        if self.root and not self.privileges_dropped:
            found.append(f"the project's code keeps root's capabilities "
                         f"({problem('privileges')}) and could undo the isolation; {_DOCKER}")
        elif not self.privileges_dropped:
            found.append("no private environments: the kernel refused a user namespace "
                         f"({self._cause('privileges')}); the project's code can read the "
                         f"environment of your other processes, API keys in Homeostasis' own "
                         f"included; {_DOCKER}")
        return found


def probe(spec: IsolateSpec, no_cgroup: str = "") -> Isolation:
    """Run ``isolate.py --probe``; a probe that fails counts as no isolation at all.
    ``no_cgroup`` says why ``spec`` has no cgroup, when it has none."""
    argv = [*_script(), "--probe", json.dumps(dict(spec))]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
        report = json.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        return Isolation(root=os.geteuid() == 0, problems={"probe": f"the probe failed: {exc}"})
    if no_cgroup and "cgroup" not in report["problems"]:
        report["problems"]["cgroup"] = no_cgroup
    return Isolation.from_report(report)


def network_namespace(pid: int | str = "self") -> str | None:
    with contextlib.suppress(OSError):
        return os.readlink(f"/proc/{pid}/ns/net")
    return None


def kill_namespace(netns: str) -> None:
    """SIGKILL every process in the network namespace ``netns`` (one ``isolate.py`` made: no
    process can leave it), again until none is left. Never the host's own namespace."""
    if netns == network_namespace():
        return
    kill_until_gone(lambda: (p for p in all_pids() if network_namespace(p) == netns),
                    rounds=50, pause=0.005)


def shield_from_tracing() -> None:
    """Make this process (Homeostasis itself) untraceable by the project's code. As an ordinary
    user the project runs in a user namespace of its own and cannot trace anything outside it;
    as root it is the same user as this process, with its capabilities dropped, so only a
    process that is not dumpable is out of its reach. Child processes are dumpable again from
    their ``exec`` on."""
    if os.geteuid() == 0:
        set_dumpable(False)

