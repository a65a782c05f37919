"""Isolate a command from the host, then become it:

    python isolate.py SPEC_JSON -- argv...     set up, then exec argv
    python isolate.py --probe SPEC_JSON        set up, print what worked as JSON, exit

The local sandbox starts every command of the project (and its warm pytest server) through this
script, so the project's code runs with no network, a read-only view of the machine but for the
sandbox's own folder, and limits on memory, file size and processes. It is a standalone script
(it imports nothing from Homeostasis): it runs in the process that is about to become the
command, before the project's code does.

SPEC is a JSON object:

    writable    folders bound back read-write (the sandbox's own folder); all else is read-only,
                but ``/dev/shm``: a fresh tmpfs of ``disk_mb``, seen by this process and its
                children only, and gone with them
    protect     folders the probe checks are read-only afterwards (the user's project, home)
    memory_mb   RLIMIT_AS            disk_mb   RLIMIT_FSIZE (the largest file one may write)
    pids        the most processes: the pids cgroup the caller made, joined by writing "0"
                into its file ``join_cgroup``, or, without one, RLIMIT_NPROC
    status_fd   optional: a descriptor that receives the report as one JSON line before the
                exec (it is closed by the exec), and an ``exec_error`` line if the exec fails

Every step the kernel refuses is written into the report and skipped, never fatal: an ordinary
user whose kernel allows no user namespaces still gets the command run, with the limits it
could set. The order matters: the cgroup is joined and RLIMIT_NPROC set with the caller's own
credentials, before a new user namespace starts counting processes afresh; the capabilities
root would keep go last, once nothing needs them.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import os
import resource
import socket
import struct
import sys
from typing import Any

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000

MS_RDONLY = 0x1
MS_NOSUID = 0x2
MS_NODEV = 0x4
MS_REMOUNT = 0x20
MS_BIND = 0x1000
MS_REC = 0x4000
MS_PRIVATE = 0x40000
#: statvfs flags → the mount flags a bind remount must repeat (the kernel refuses to drop
#: them inside a user namespace).
_KEPT_FLAGS = ((os.ST_NOSUID, 0x2), (os.ST_NODEV, 0x4), (os.ST_NOEXEC, 0x8),
               (os.ST_NOATIME, 0x400), (os.ST_NODIRATIME, 0x800), (os.ST_RELATIME, 0x200000))
#: Left as they are: the kernel's own file systems, which programs need writable, and those
#: under ``/dev`` (``/dev`` itself is made read-only: its devices stay usable, but no file can
#: be left there; ``/dev/shm`` gets a tmpfs of the command's own).
_SKIPPED_MOUNTS = ("/proc", "/sys")
_SKIPPED_UNDER = "/dev/"

SIOCGIFFLAGS = 0x8913
SIOCSIFFLAGS = 0x8914
IFF_UP = 0x1

PR_CAPBSET_DROP = 24
PR_SET_NO_NEW_PRIVS = 38

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"{what}: {os.strerror(code)}")


def _prctl(option: int, arg: int) -> int:
    zero = ctypes.c_ulong(0)
    return int(_libc.prctl(option, ctypes.c_ulong(arg), zero, zero, zero))


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="ascii") as fh:
        fh.write(text)


def _mount(source: str | None, target: str, flags: int, fstype: str | None = None,
           data: str | None = None) -> None:
    _check(_libc.mount(source and source.encode(), target.encode(), fstype and fstype.encode(),
                       ctypes.c_ulong(flags), data and data.encode()), f"mount {target}")


def _kept_flags(path: str) -> int:
    have = os.statvfs(path).f_flag
    return sum(flag for st, flag in _KEPT_FLAGS if have & st)


def _unescape(field: str) -> str:
    r"""A mountinfo path: spaces, tabs, newlines and backslashes come as ``\040`` etc."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and field[i + 1:i + 4].isdigit():
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def mount_points() -> list[str]:
    """Every mount point of this mount namespace, in mount order, each once."""
    with open("/proc/self/mountinfo", encoding="utf-8") as fh:
        points = [_unescape(line.split()[4]) for line in fh if line.strip()]
    return list(dict.fromkeys(points))


def _skipped(point: str) -> bool:
    return point.startswith(_SKIPPED_UNDER) or any(
        point == top or point.startswith(top + "/") for top in _SKIPPED_MOUNTS)


def _join_cgroup(spec: dict[str, Any], report: dict[str, Any]) -> None:
    """Enter the run's pids cgroup; without one, cap this user's processes instead."""
    join = spec.get("join_cgroup")
    if join:
        try:
            _write(join, "0")
            report["pid_limit"] = "cgroup"
            return
        except OSError as exc:
            report["problems"]["cgroup"] = str(exc)
    uid = os.getuid()
    limit = _processes_of(uid) + int(spec["pids"])
    try:
        resource.setrlimit(resource.RLIMIT_NPROC, (limit, limit))
    except (OSError, ValueError) as exc:
        report["problems"]["nproc"] = str(exc)
        return
    if uid == 0:
        report["problems"]["nproc"] = "RLIMIT_NPROC does not bind root"
    else:
        report["pid_limit"] = "nproc"


def _processes_of(uid: int) -> int:
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):  # ended meanwhile
                count += os.stat(f"/proc/{entry}").st_uid == uid
    return count


def _set_limits(spec: dict[str, Any], report: dict[str, Any]) -> None:
    mb = 1024 * 1024
    for name, limit, value in (("memory", resource.RLIMIT_AS, int(spec["memory_mb"]) * mb),
                               ("disk", resource.RLIMIT_FSIZE, int(spec["disk_mb"]) * mb),
                               ("core", resource.RLIMIT_CORE, 0)):
        _, hard = resource.getrlimit(limit)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        try:
            resource.setrlimit(limit, (value, value))
        except (OSError, ValueError) as exc:
            report["problems"][name] = str(exc)


def _own_user_namespace(uid: int, gid: int) -> None:
    """A user namespace in which this process is itself (not root): it lends the
    capabilities the next steps need, and they are gone again at the exec."""
    _check(_libc.unshare(CLONE_NEWUSER), "unshare(CLONE_NEWUSER)")
    _write("/proc/self/uid_map", f"{uid} {uid} 1")
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/gid_map", f"{gid} {gid} 1")


def _loopback_up() -> None:
    """Bring ``lo`` up in the new network namespace, so tests may serve on localhost."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sH22x", b"lo", 0)
        flags = struct.unpack("16sH22x", fcntl.ioctl(sock, SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(sock, SIOCSIFFLAGS, struct.pack("16sH22x", b"lo", flags | IFF_UP))


def _network(report: dict[str, Any]) -> None:
    try:
        _check(_libc.unshare(CLONE_NEWNET), "unshare(CLONE_NEWNET)")
    except OSError as exc:
        report["problems"]["network"] = str(exc)
        return
    report["network"] = True
    try:
        _loopback_up()
    except OSError as exc:
        report["problems"]["loopback"] = str(exc)


def _mounts(spec: dict[str, Any], report: dict[str, Any]) -> None:
    """Everything read-only but ``writable``, in a mount namespace of our own."""
    try:
        _check(_libc.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
        _mount(None, "/", MS_REC | MS_PRIVATE)
    except OSError as exc:
        report["problems"]["mounts"] = str(exc)
        return
    refused = []
    for point in mount_points():
        if _skipped(point):
            continue
        try:
            _mount(None, point, MS_REMOUNT | MS_BIND | MS_RDONLY | _kept_flags(point))
        except OSError as exc:
            # Gone, hidden under a later mount, or behind a folder this user may not enter:
            # out of the command's reach either way.
            if exc.errno not in (errno.ENOENT, errno.EACCES):
                refused.append(point)
    for path in spec.get("writable", ()):
        try:
            _mount(path, path, MS_BIND | MS_REC)
            _mount(None, path, MS_REMOUNT | MS_BIND | _kept_flags(path))
        except OSError as exc:
            report["problems"]["writable"] = str(exc)
    _private_shm(spec, report)
    with contextlib.suppress(OSError):  # the old working folder is under the read-only mount
        os.chdir(os.getcwd())
    report["readonly"] = not refused
    if refused:
        report["problems"]["mounts"] = "could not make read-only: " + ", ".join(refused)
    report["writable_protected"] = [p for p in spec.get("protect", ())
                                    if os.path.exists(p) and not _read_only(p)]


def _private_shm(spec: dict[str, Any], report: dict[str, Any]) -> None:
    """A fresh tmpfs over ``/dev/shm`` (which the read-only remount skips, as it does every
    mount under ``/dev``): a file the command leaves there neither reaches the host nor a
    later run."""
    try:
        _mount("tmpfs", "/dev/shm", MS_NOSUID | MS_NODEV, "tmpfs",
               f"mode=1777,size={int(spec['disk_mb'])}m")
    except OSError as exc:
        report["problems"]["shm"] = str(exc)
        return
    report["private_shm"] = True


def _read_only(path: str) -> bool:
    return bool(os.statvfs(path).f_flag & os.ST_RDONLY)


def _drop_privileges(report: dict[str, Any]) -> None:
    """No capability survives the exec (root would otherwise keep every one, and could undo
    the mounts, join the host's network namespace, or read other processes' environments), and
    no set-uid program gives any back. An ordinary user can drop them only in a user namespace
    of its own, which is what keeps its other processes' environments closed to the command."""
    try:
        _check(_prctl(PR_SET_NO_NEW_PRIVS, 1), "PR_SET_NO_NEW_PRIVS")
        with open("/proc/sys/kernel/cap_last_cap", encoding="ascii") as fh:
            last = int(fh.read())
        for cap in range(last + 1):
            _check(_prctl(PR_CAPBSET_DROP, cap), f"dropping capability {cap}")
    except OSError as exc:
        report["problems"]["privileges"] = str(exc)
        return
    report["privileges_dropped"] = True


def isolate(spec: dict[str, Any]) -> dict[str, Any]:
    """Set up this process; the report of what worked and what the kernel refused."""
    uid, gid = os.getuid(), os.getgid()
    report: dict[str, Any] = {"uid": uid, "network": False, "readonly": False,
                              "private_shm": False, "pid_limit": None,
                              "privileges_dropped": False,
                              "writable_protected": list(spec.get("protect", ())),
                              "problems": {}}
    _join_cgroup(spec, report)
    _set_limits(spec, report)
    if uid != 0:
        try:
            _own_user_namespace(uid, gid)
        except OSError as exc:
            report["problems"]["user_namespace"] = str(exc)
    _network(report)
    _mounts(spec, report)
    _drop_privileges(report)
    report["netns"] = os.readlink("/proc/self/ns/net")
    return report


def main(args: list[str]) -> int:
    if len(args) == 2 and args[0] == "--probe":
        print(json.dumps(isolate(json.loads(args[1]))), flush=True)
        return 0
    if len(args) < 3 or args[1] != "--":
        print("usage: isolate.py SPEC_JSON -- argv... | isolate.py --probe SPEC_JSON",
              file=sys.stderr)
        return 2
    spec, argv = json.loads(args[0]), args[2:]
    report = isolate(spec)
    status = spec.get("status_fd")
    if status is not None:
        os.set_inheritable(status, False)
        os.write(status, (json.dumps({"report": report}) + "\n").encode())
    try:
        os.execvp(argv[0], argv)
    except OSError as exc:
        message = f"{argv[0]}: {exc.strerror or exc}"
        if status is not None:
            os.write(status, (json.dumps({"exec_error": message}) + "\n").encode())
        print(message, file=sys.stderr)
    return 127


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
