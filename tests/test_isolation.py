"""isolate.py and its host side: refused steps are reported and never stop the command, what
is missing is said in one line each, and the clean-up (cgroups, network namespaces) kills what
it should and nothing else."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import alive
from homeostasis.tools.sandbox.local import cgroups
from homeostasis.tools.sandbox.local.cgroups import PidsCgroups, join_file
from homeostasis.tools.sandbox.local.isolation import (
    ISOLATE,
    Isolation,
    isolate_command,
    kill_namespace,
    network_namespace,
)

SPEC = {"writable": [], "protect": [], "memory_mb": 512, "disk_mb": 64, "pids": 64}
REFUSED = {"uid": 1000, "network": False, "readonly": False, "pid_limit": "nproc",
           "writable_protected": ["/home/me/project", "/home/me"],
           "problems": {"user_namespace": "unshare(CLONE_NEWUSER): Operation not permitted",
                        "network": "unshare(CLONE_NEWNET): Operation not permitted",
                        "mounts": "unshare(CLONE_NEWNS): Operation not permitted",
                        "cgroup": "this user may not make one here"}}


def test_full_isolation_has_no_warning() -> None:
    report = {"uid": 0, "network": True, "readonly": True, "private_shm": True,
              "pid_limit": "cgroup", "privileges_dropped": True, "writable_protected": [],
              "problems": {}}
    isolation = Isolation.from_report(report)
    assert isolation.warnings() == []
    assert isolation.contains_forks


def test_each_refused_protection_is_one_line_with_its_cause_and_meaning() -> None:
    isolation = Isolation.from_report(REFUSED)
    network, files, shm, pids, environments = isolation.warnings()
    cause = "(unshare(CLONE_NEWUSER): Operation not permitted)"
    assert network.startswith(f"no network isolation: the kernel refused a new network "
                              f"namespace {cause}; the project's code can reach the network")
    assert files.startswith(f"no read-only file system: the kernel refused a private mount "
                            f"namespace or remount {cause}")
    assert "(/home/me/project, /home/me included)" in files
    assert shm.startswith(f"no private /dev/shm: the kernel refused a tmpfs there {cause}; "
                          "files the project's code leaves in /dev/shm stay on this machine")
    assert all(line.endswith("use --sandbox docker for untrusted code")
               for line in (network, files, shm, environments))
    assert pids == ("no pids cgroup (this user may not make one here): processes are limited "
                    "with RLIMIT_NPROC, counted over all of your processes, and a process that "
                    "leaves its session may outlive the sandbox")
    assert environments.startswith(f"no private environments: the kernel refused a user "
                                   f"namespace {cause}; the project's code can read the "
                                   "environment of your other processes")
    assert not isolation.contains_forks
    assert all("\n" not in line for line in isolation.warnings())


def test_root_without_a_cgroup_or_dropped_capabilities_is_warned_about() -> None:
    report = {"uid": 0, "network": True, "readonly": True, "private_shm": True,
              "pid_limit": None, "privileges_dropped": False,
              "problems": {"cgroup": "no pids hierarchy", "privileges": "EPERM"}}
    pids, caps = Isolation.from_report(report).warnings()
    assert pids.startswith("no process limit: no pids cgroup could be made (no pids hierarchy) "
                           "and RLIMIT_NPROC does not bind root; a fork bomb")
    assert caps.startswith("the project's code keeps root's capabilities (EPERM)")


def test_a_refused_dev_shm_tmpfs_is_said_with_its_own_cause() -> None:
    report = {"uid": 0, "network": True, "readonly": True, "private_shm": False,
              "pid_limit": "cgroup", "privileges_dropped": True,
              "problems": {"shm": "mount /dev/shm: Permission denied"}}
    assert Isolation.from_report(report).warnings() == [
        "no private /dev/shm: the kernel refused a tmpfs there (mount /dev/shm: Permission "
        "denied); files the project's code leaves in /dev/shm stay on this machine and later "
        "runs can read them; use --sandbox docker for untrusted code"]


def test_no_file_is_left_in_dev_or_dev_shm() -> None:
    """/dev is read-only (root could write there otherwise) but for its devices, and /dev/shm a
    tmpfs of the command's own."""
    leftovers = [Path(f"/dev/homeostasis-test-{os.getpid()}"),
                 Path(f"/dev/shm/homeostasis-test-{os.getpid()}")]
    script = ("import sys\n"
              f"for path in {[str(p) for p in leftovers]!r}:\n"
              "    try:\n"
              "        open(path, 'w').close()\n"
              "    except OSError as exc:\n"
              "        print(exc.strerror)\n"
              "open('/dev/null', 'w').write('devices still work')\n")
    try:
        done = subprocess.run([*isolate_command(SPEC), sys.executable, "-c", script],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert [p for p in leftovers if p.exists()] == []
    finally:
        for path in leftovers:
            path.unlink(missing_ok=True)


def test_a_refused_step_is_reported_and_the_command_still_runs(tmp_path: Path) -> None:
    spec = {**SPEC, "writable": [str(tmp_path / "missing")],
            "join_cgroup": str(tmp_path / "no-cgroup" / "tasks")}
    probe = subprocess.run([sys.executable, "-I", "-S", str(ISOLATE), "--probe",
                            json.dumps(spec)], capture_output=True, text=True, check=True)
    problems = json.loads(probe.stdout)["problems"]
    assert "No such file or directory" in problems["cgroup"]
    assert problems.get("writable") or problems.get("mounts")
    done = subprocess.run([*isolate_command(spec), sys.executable, "-c",
                           "import resource, sys; print(resource.getrlimit("
                           "resource.RLIMIT_FSIZE)[0] >> 20); sys.exit(3)"],
                          capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (3, "64\n")


def test_a_command_that_cannot_be_executed_is_reported_on_the_status_pipe(
    tmp_path: Path,
) -> None:
    read, write = os.pipe()
    try:
        done = subprocess.run([*isolate_command({**SPEC, "status_fd": write}),
                               str(tmp_path / "missing-command")], pass_fds=(write,),
                              capture_output=True, text=True, check=False)
        os.close(write)
        with open(read, "rb") as status:
            lines = [json.loads(line) for line in status.read().splitlines()]
    finally:
        with contextlib.suppress(OSError):
            os.close(write)
    assert done.returncode == 127
    assert "report" in lines[0]
    assert lines[1] == {"exec_error": f"{tmp_path / 'missing-command'}: No such file or directory"}


def test_killing_a_network_namespace_kills_its_processes_and_never_the_hosts() -> None:
    spec = {**SPEC, "writable": ["/tmp"]}
    host = subprocess.Popen(["sleep", "30"])
    sandboxed = subprocess.Popen([*isolate_command(spec), "sleep", "30"])
    try:
        deadline = time.monotonic() + 10
        while network_namespace(sandboxed.pid) == network_namespace():
            if time.monotonic() > deadline:
                pytest.skip("no network namespace here")
            time.sleep(0.01)
        kill_namespace(network_namespace() or "")
        assert alive(host.pid)
        kill_namespace(network_namespace(sandboxed.pid) or "")
        assert sandboxed.wait(timeout=5) == -9
        assert alive(host.pid)
    finally:
        for proc in (host, sandboxed):
            proc.kill()
            proc.wait()


FORKS = """\
import os, sys, time
open(sys.argv[1], "w").write("0")
children = []
try:
    for _ in range(10):
        pid = os.fork()
        if pid == 0:
            os.setsid()
            os.closerange(0, 3)  # the caller reads the output to its end
            time.sleep(60)
            os._exit(0)
        children.append(pid)
except BlockingIOError:
    print(len(children), flush=True)
"""


def test_a_run_cgroup_caps_forks_counts_the_refusal_and_is_removed_with_its_processes(
) -> None:
    sandbox = PidsCgroups.open(f"{os.getpid()}-test")
    if sandbox is None:
        pytest.skip("no pids cgroup can be made here")
    try:
        path = sandbox.make(4)
        assert path is not None and not cgroups.exhausted(path)
        done = subprocess.run([sys.executable, "-c", FORKS, str(join_file(path))],
                              capture_output=True, text=True, timeout=30, check=True)
        assert done.stdout == "3\n"  # four with the parent
        assert cgroups.exhausted(path)
        left = cgroups.members(path)
        assert len(left) == 3  # in their own sessions, outliving the parent
        cgroups.remove(path)
        assert not path.exists()
        time.sleep(0.1)
        assert not any(alive(pid) for pid in left)
    finally:
        sandbox.close()
    assert not sandbox.folder.exists()


def test_folders_of_sandboxes_whose_process_is_gone_are_removed() -> None:
    first = PidsCgroups.open(f"{os.getpid()}-stale-check")
    if first is None:
        pytest.skip("no pids cgroup can be made here")
    first.close()
    stale = first.folder.with_name("homeostasis-999999999-1")  # no such process
    (stale / "run-1").mkdir(parents=True)
    second = PidsCgroups.open(f"{os.getpid()}-after")
    assert second is not None
    second.close()
    assert not stale.exists()
