"""The Docker sandbox: every command of the project runs in a locked-down container.

Containers have no network, run as an unprivileged user with every capability dropped and
``no-new-privileges``, a read-only root, and limits on memory, CPU and processes. The project
lives on a size-limited tmpfs volume at ``/hs`` (``/tmp`` is another): the snapshot is copied in
once per container (``put_archive``, never a bind mount of the user's tree) and each workspace is
reset from it with one ``cp``. Containers are kept warm and reused, one per parallel trial. No
host environment variable goes in unless named.

The SDK has no timeout for ``exec``: the in-container runner (``container_run.py``) kills the
command at its deadline, and a host-side timer removes the whole container if even that does
not answer. Every container and volume is labelled with its owner; ``close`` removes them, and
the next start removes any whose owner died (a crash or ``kill -9``).
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import queue
import shutil
import socket
import sys
import tarfile
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from homeostasis.core.errors import SandboxError
from homeostasis.core.project import encode_source
from homeostasis.tools.sandbox.base import CommandResult, CommandStatus
from homeostasis.tools.sandbox.image import (
    LABEL,
    PYTHON,
    SANDBOX_HOME,
    default_tag,
    dockerfile_image,
    image_exists,
    project_image,
)
from homeostasis.tools.sandbox.limits import Facts, Limits, classify
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.sandbox.warm import accepts

HOME = PurePosixPath("/hs")
RUNNER = HOME / "bin" / "container_run.py"
WARM_SERVER = HOME / "bin" / "warm_socket.py"
RUN_DIR = HOME / "run"
WARM_SOCKET = RUN_DIR / "warm.sock"
SPEC = RUN_DIR / "spec.json"
ROOT = "0:0"
#: A spec longer than this goes in as a file, not as an argument (the kernel caps those).
SPEC_ARGUMENT_MAX = 64 * 1024
SNAPSHOT = HOME / "snapshot"
WORKSPACE = HOME / "ws"
USER = "1000:1000"
OWNER = "homeostasis.owner"
#: The engine API spoken: Docker 20.10's, which later engines still serve. A fixed version
#: also spares a version query when the client is made (its socket leaks if the engine is gone).
API_VERSION = "1.41"
#: Every command's environment before the variables the user named and the command's own.
_BASE_ENV = {
    "PATH": f"{PurePosixPath(PYTHON).parent}:/usr/local/bin:/usr/bin:/bin",
    "HOME": SANDBOX_HOME,
    "TMPDIR": str(WORKSPACE / "scratch" / "tmp"),
    "LANG": "C.UTF-8", "PYTHONHASHSEED": "0", "PYTHONUNBUFFERED": "1",
}
#: Seconds past a command's deadline before the host gives up on the container.
GRACE = 10.0
#: The scripts copied into every container (all standalone: standard library and pytest only).
_SCRIPTS = ("container_run.py", "processes.py", "warm_socket.py", "pytest_server.py")


def owner_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


_START_HINT = ("start it (for example `dockerd &` or `systemctl start docker`), set "
               "DOCKER_HOST, or use --sandbox local")


def connect() -> Any:
    """A client of the Docker engine; a :class:`SandboxError` saying what to do otherwise."""
    try:
        import docker
    except ImportError:  # pragma: no cover - docker is a dependency
        raise SandboxError("the docker Python package is missing",
                           "pip install docker") from None
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    if host.startswith("unix://"):  # ask the socket first: the SDK leaks one that fails
        with socket.socket(socket.AF_UNIX) as probe:
            try:
                probe.connect(host[len("unix://"):])
            except OSError as exc:
                raise SandboxError(
                    f"cannot reach the Docker engine at {host} ({exc.strerror})", _START_HINT
                ) from None
    client = None
    try:
        client = docker.from_env(version=API_VERSION, timeout=60)
        client.ping()
    except docker.errors.DockerException as exc:
        if client is not None:
            client.close()
        raise SandboxError(
            f"cannot reach the Docker engine ({_short(exc)})", _START_HINT) from None
    return client


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def reap(client: Any) -> int:
    """Remove containers and volumes of Homeostasis runs on this host whose process is gone."""
    host = socket.gethostname()

    def stray(labels: Mapping[str, str]) -> bool:
        owner = labels.get(OWNER, "")
        name, _, pid = owner.rpartition(":")
        if name != host or not pid.isdigit():
            return False
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False

    removed = 0
    for container in client.containers.list(all=True, filters={"label": OWNER}):
        if stray(container.labels):
            with contextlib.suppress(Exception):
                container.remove(force=True)
                removed += 1
    for volume in client.volumes.list(filters={"label": OWNER}):
        if stray(volume.attrs.get("Labels") or {}):
            with contextlib.suppress(Exception):
                volume.remove(force=True)
    return removed


def _tar(files: Mapping[str, bytes], folders: Sequence[str] = (), owner: str = USER) -> bytes:
    """A tar archive of ``files`` (relative path → bytes) and ``folders``, owned by ``owner``
    (``uid:gid``): the sandbox user for what the project may change, root for the rest."""
    buf = io.BytesIO()
    uid, gid = (int(n) for n in owner.split(":"))
    with tarfile.open(fileobj=buf, mode="w") as tar:
        made: set[str] = set()
        for path in [*folders, *files]:
            parts = PurePosixPath(path).parts
            last = len(parts) if path in folders else len(parts) - 1
            for depth in range(1, last + 1):
                folder = "/".join(parts[:depth])
                if folder not in made:
                    made.add(folder)
                    info = tarfile.TarInfo(folder)
                    info.type, info.mode, info.uid, info.gid = tarfile.DIRTYPE, 0o755, uid, gid
                    tar.addfile(info)
        for path, data in files.items():
            info = tarfile.TarInfo(path)
            info.size, info.mode, info.uid, info.gid = len(data), 0o644, uid, gid
            info.mtime = int(time.time())
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _snapshot_tar(snapshot: Snapshot) -> bytes:
    """The snapshot as a tar archive rooted at ``snapshot/``, owned by root and writable by
    no one else: a run cannot change what the next workspace is reset from."""
    buf = io.BytesIO()

    def own(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid, info.gid, info.uname, info.gname = 0, 0, "", ""
        info.mode &= ~0o022
        return info

    with tarfile.open(fileobj=buf, mode="w") as tar:
        tar.add(snapshot.root, arcname=SNAPSHOT.name, filter=own)
    return buf.getvalue()


@dataclass
class _Slot:
    """One warm container and the snapshot it holds."""

    container: Any
    volume: Any
    snapshot: Path | None = None


@dataclass
class DockerWorkspace:
    sandbox: DockerSandbox
    slot: _Slot
    snapshot: Snapshot
    #: Files the last command wrote in ``scratch``, returned with its result.
    written: dict[str, bytes] = field(default_factory=dict)

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
        result, self.written = self.sandbox.run(self.slot, argv, self.root, self.scratch,
                                                timeout, env)
        return result

    def put_file(self, path: Path, data: bytes) -> None:
        rel = PurePosixPath(path).relative_to(HOME)
        self.slot.container.put_archive(str(HOME), _tar({str(rel): data}))

    def read_file(self, path: Path) -> bytes | None:
        import docker.errors

        if path.parent == self.scratch and path.name in self.written:
            return self.written[path.name]
        try:
            stream, _ = self.slot.container.get_archive(str(path))
        except docker.errors.NotFound:
            return None
        with tarfile.open(fileobj=io.BytesIO(b"".join(stream))) as tar:
            member = tar.next()
            if member is None or not member.isfile():
                return None
            extracted = tar.extractfile(member)
            return extracted.read() if extracted else None


class DockerSandbox:
    """Runs the project's commands in warm, locked-down containers (``containers`` of them)."""

    name = "docker"

    def __init__(self, limits: Limits | None = None, image: str | None = None,
                 env: Mapping[str, str] | None = None, containers: int = 2,
                 client: Any = None, base: Path | None = None, project: Path | None = None,
                 say: Callable[[str], None] = print, dockerfile: str | None = None) -> None:
        """``project``: add a layer with its declared dependencies to the image (built once
        per set of them); ``dockerfile``: build the image from the project's own Dockerfile
        instead; ``say`` reports those builds."""
        self._own_client = client is None
        self.client = client or connect()
        self.limits = limits or Limits()
        import docker.errors

        try:
            self.image = self._image(image, project, dockerfile, say)
            reap(self.client)
        except (SandboxError, docker.errors.DockerException) as exc:
            if self._own_client:
                self.client.close()
            if isinstance(exc, SandboxError):
                raise
            raise SandboxError(f"the Docker engine refused: {_short(exc)}") from None
        self.env = dict(env or {})
        self.size = max(1, containers)
        self.base = base or Path(tempfile.mkdtemp(prefix="homeostasis-"))
        self.base.mkdir(parents=True, exist_ok=True)
        self.owner = owner_id()
        self._idle: queue.Queue[_Slot] = queue.Queue()
        self._slots: list[_Slot] = []
        self._lock = threading.Lock()
        self._cancelled = False
        self._tars: dict[Path, bytes] = {}
        #: The image's interpreter: Homeostasis' venv in its own image, else ``python3``.
        self.python: str | None = None

    def _image(self, image: str | None, project: Path | None, dockerfile: str | None,
               say: Callable[[str], None]) -> str:
        """The image to run: the project's Dockerfile's, else ``image`` or the built sandbox
        image with the project's dependencies layered on."""
        if dockerfile and project is not None:
            return dockerfile_image(self.client, project, dockerfile, say)
        tag = image or default_tag()
        if not image_exists(self.client, tag):
            hint = ("build it with `homeostasis sandbox build`" if image is None else
                    "build or load it, or remove sandbox_image from [tool.homeostasis]")
            raise SandboxError(f"the sandbox image {tag} is not on this machine", hint)
        return project_image(self.client, tag, project, say) if project is not None else tag

    # ── containers ───────────────────────────────────────────────────────────────────────
    def _start_slot(self) -> _Slot:
        from docker.types import Mount

        labels = {LABEL: "run", OWNER: self.owner}
        size = f"size={self.limits.disk_mb}m,mode=0755"  # root's: only ws/ and run/ are not
        volume = self.client.volumes.create(
            name=f"homeostasis-{uuid.uuid4().hex[:12]}", driver="local", labels=labels,
            driver_opts={"type": "tmpfs", "device": "tmpfs", "o": size})
        try:
            container = self.client.containers.run(
                self.image, ["sleep", "infinity"], detach=True, init=True,
                name=f"homeostasis-{uuid.uuid4().hex[:12]}", labels=labels,
                network_mode="none", user=USER, read_only=True, cap_drop=["ALL"],
                security_opt=["no-new-privileges"], pids_limit=self.limits.pids,
                mem_limit=f"{self.limits.memory_mb}m",
                memswap_limit=f"{self.limits.memory_mb}m",
                nano_cpus=int(self.limits.cpus * 1e9), working_dir=str(HOME),
                mounts=[Mount(str(HOME), volume.name, type="volume")],
                tmpfs={"/tmp": f"size={self.limits.disk_mb}m,mode=1777"},
                environment={}, stop_signal="SIGKILL",
            )
        except Exception as exc:
            with contextlib.suppress(Exception):
                volume.remove(force=True)
            raise SandboxError(f"cannot start a sandbox container: {_short(exc)}") from None
        try:
            self._furnish(container)
        except Exception as exc:
            self._kill_slot(_Slot(container, volume))
            raise SandboxError(f"cannot prepare a sandbox container: {_short(exc)}") from None
        return _Slot(container, volume)

    def _furnish(self, container: Any) -> None:
        """Copy the scripts in (root's, read-only to the project), make the folders the
        project may write, find the interpreter, and start the warm pytest server."""
        here = Path(__file__).parent
        container.put_archive(str(HOME), _tar(
            {f"bin/{name}": (here / name).read_bytes() for name in _SCRIPTS}, owner=ROOT))
        container.put_archive(str(HOME), _tar({}, folders=("ws", RUN_DIR.name)))
        if self.python is None:
            found = container.exec_run(
                ["sh", "-c", f"[ -x {PYTHON} ] && echo {PYTHON} || command -v python3"],
                user=ROOT).output.decode().strip()
            if not found:
                raise SandboxError(f"the image {self.image} has no python3",
                                   "install Python and pytest in it")
            self.python = found
        warm = self.client.api.exec_create(
            container.id, [self.python, str(WARM_SERVER), str(WARM_SOCKET)], user=USER,
            workdir=str(HOME), environment=_BASE_ENV)
        self.client.api.exec_start(warm["Id"], detach=True)

    def _take(self) -> _Slot:
        with self._lock:
            if self._cancelled:
                raise SandboxError("the sandbox was cancelled")
            if self._idle.empty() and len(self._slots) < self.size:
                slot = self._start_slot()
                self._slots.append(slot)
                return slot
        return self._idle.get()

    def _exec(self, slot: _Slot, argv: Sequence[str], deadline: float, user: str = USER
              ) -> bytes:
        """Run ``argv`` in the container (as the sandbox user unless ``user``); the container
        is removed if the call outlives ``deadline`` (seconds)."""
        api = self.client.api
        exec_id = api.exec_create(slot.container.id, list(argv), user=user,
                                  workdir=str(HOME))["Id"]
        timer = threading.Timer(deadline, self._kill_slot, args=(slot,))
        timer.daemon = True
        timer.start()
        try:
            return bytes(api.exec_start(exec_id))
        finally:
            timer.cancel()

    def _must(self, slot: _Slot, argv: Sequence[str], what: str, user: str = USER) -> None:
        """Run a step of preparing a workspace; a :class:`SandboxError` when it fails."""
        output = self._exec(slot, [*argv[:-1], f"{argv[-1]} && echo HOMEOSTASIS-OK"], 120,
                            user)
        if not output.rstrip().endswith(b"HOMEOSTASIS-OK"):
            tail = output.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise SandboxError(f"cannot {what}: {tail[0][:200]}",
                               "the project may not fit the sandbox disk: raise disk_mb")

    def _kill_slot(self, slot: _Slot) -> None:
        with contextlib.suppress(Exception):
            slot.container.remove(force=True)
        with contextlib.suppress(Exception):
            slot.volume.remove(force=True)

    # ── workspaces ───────────────────────────────────────────────────────────────────────
    @contextmanager
    def workspace(self, snapshot: Snapshot, changes: Mapping[str, str] | None = None
                  ) -> Iterator[DockerWorkspace]:
        slot = self._take()
        healthy = False
        try:
            self._reset(slot, snapshot, changes or {})
            yield DockerWorkspace(self, slot, snapshot)
            healthy = not self._cancelled
        finally:
            self._give_back(slot, healthy)

    def _reset(self, slot: _Slot, snapshot: Snapshot, changes: Mapping[str, str]) -> None:
        if slot.snapshot != snapshot.root:
            with self._lock:
                if snapshot.root not in self._tars:
                    self._tars[snapshot.root] = _snapshot_tar(snapshot)
                tar = self._tars[snapshot.root]
            self._must(slot, ["sh", "-c", f"rm -rf {SNAPSHOT}"], "clear the old snapshot", ROOT)
            slot.container.put_archive(str(HOME), tar)
            slot.snapshot = snapshot.root
        self._must(slot, ["sh", "-c", f"find {WORKSPACE} -mindepth 1 -maxdepth 1 -exec rm -rf "
                          f"{{}} + && mkdir -p {WORKSPACE}/scratch/home {WORKSPACE}/scratch/tmp "
                          f"&& cp -R --preserve=mode,timestamps {SNAPSHOT} {WORKSPACE}/project"],
                   "copy the project into a workspace")
        if changes:
            encoded = {f"project/{p}": _encoded(snapshot, p, t) for p, t in changes.items()}
            slot.container.put_archive(str(WORKSPACE), _tar(encoded))

    def _give_back(self, slot: _Slot, healthy: bool) -> None:
        alive = False
        if healthy:
            with contextlib.suppress(Exception):  # removed at a deadline: NotFound
                slot.container.reload()
                alive = slot.container.status == "running"
        if alive:
            self._idle.put(slot)
            return
        self._kill_slot(slot)
        with self._lock:
            if slot in self._slots:
                self._slots.remove(slot)

    # ── commands ─────────────────────────────────────────────────────────────────────────
    def run(self, slot: _Slot, argv: Sequence[str], cwd: Path, scratch: Path, timeout: float,
            env: Mapping[str, str] | None = None) -> tuple[CommandResult, dict[str, bytes]]:
        """Run ``argv`` in ``cwd``: its result, and the files it wrote directly in
        ``scratch`` (name → bytes; larger ones are left to ``read_file``)."""
        args = tuple(argv)
        if self._cancelled:
            return CommandResult(args, "killed", None, "cancelled", 0.0), {}
        start = time.monotonic()
        python = self.python or PYTHON
        inner = [python if i == 0 and a == sys.executable else a for i, a in enumerate(args)]
        spec = {
            "argv": inner, "cwd": str(cwd), "timeout": timeout,
            "output_limit": self.limits.output_mb * 1024 * 1024,
            "env": {**_BASE_ENV, **self.env, **(env or {})},
            "scratch": str(scratch),
            "warm": str(WARM_SOCKET) if accepts(args, env) else None,
        }
        text = json.dumps(spec)
        try:
            if len(text) > SPEC_ARGUMENT_MAX:  # thousands of test ids: in as a file
                slot.container.put_archive(str(RUN_DIR), _tar({SPEC.name: text.encode()},
                                                              owner=ROOT))
                text = f"@{SPEC}"
            raw = self._exec(slot, [python, str(RUNNER), text], timeout + GRACE)
        except Exception as exc:  # the container died or was removed at the deadline
            status: CommandStatus = "killed" if self._cancelled else "timeout"
            return CommandResult(args, status, None, f"the container stopped: {_short(exc)}",
                                 time.monotonic() - start), {}
        head, _, rest = raw.partition(b"\n")
        try:
            facts = json.loads(head)
        except ValueError:  # the runner itself could not run: say what the exec said
            said = raw.decode("utf-8", "replace").strip()[-4000:] or "no output"
            return CommandResult(args, "killed" if self._cancelled else "error", None,
                                 f"the sandbox could not run the command: {said}",
                                 time.monotonic() - start), {}
        return _result(args, facts, rest.decode("utf-8", "replace"), self._cancelled,
                       time.monotonic() - start), {
            name: base64.b64decode(data) for name, data in facts.get("files", {}).items()}

    def cancel(self) -> None:
        """Ctrl-C: every container goes, whatever it was running."""
        with self._lock:
            self._cancelled = True
            slots = list(self._slots)
        for slot in slots:
            self._kill_slot(slot)

    def close(self) -> None:
        """Remove every container and volume of this sandbox and its host folder."""
        with self._lock:
            self._cancelled = True
            slots, self._slots = list(self._slots), []
        for slot in slots:
            self._kill_slot(slot)
        shutil.rmtree(self.base, ignore_errors=True)
        if self._own_client:
            self.client.close()


def _result(args: tuple[str, ...], facts: dict[str, Any], output: str, cancelled: bool,
            duration: float) -> CommandResult:
    """The :class:`CommandResult` of what the in-container runner reported."""
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


def _encoded(snapshot: Snapshot, path: str, text: str) -> bytes:
    """``text`` in the encoding of the snapshot's file (UTF-8 for a new file)."""
    like = snapshot.read_bytes(path) if path in snapshot.hashes else b""
    return encode_source(text, like)
