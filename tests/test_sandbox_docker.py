"""The Docker sandbox against a real engine: isolation settings, files in and out, deadlines,
cancellation, cleanup, the reaper, and one-line errors when Docker or the image is missing."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docker_support import docker_or_skip
from helpers import copy_example, run_cli, write_project
from homeostasis.core.errors import SandboxError
from homeostasis.tools.observe.runner import TestCommand, run_tests
from homeostasis.tools.sandbox.docker.engine import OWNER, connect, reap
from homeostasis.tools.sandbox.docker.sandbox import DockerSandbox
from homeostasis.tools.sandbox.limits import Limits
from homeostasis.tools.sandbox.snapshot import Snapshot

SMALL = Limits(memory_mb=256, pids=64, disk_mb=64, output_mb=1)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    client = docker_or_skip()
    yield client
    client.close()


@pytest.fixture
def docker_sandbox(client: Any) -> Iterator[DockerSandbox]:
    """A Docker sandbox with this file's small limits, two containers and one variable passed
    on; ``snapshot`` is conftest.py's tiny calc project."""
    sb = DockerSandbox(limits=SMALL, client=client, containers=2, env={"PASSED_ON": "named"})
    yield sb
    sb.close()


def ours(client: Any, sandbox: DockerSandbox) -> list[Any]:
    return client.containers.list(all=True, filters={"label": f"{OWNER}={sandbox.owner}"})


@pytest.mark.docker
def test_tests_run_in_a_locked_down_container(docker_sandbox: DockerSandbox, snapshot: Snapshot,
                                              client: Any) -> None:
    with docker_sandbox.workspace(snapshot) as ws:
        run = run_tests(ws, TestCommand.parse(None), timeout=60)
        (container,) = ours(client, docker_sandbox)
    assert run.status == "ok", run.detail + run.output
    assert run.failing_ids == ("tests/test_ops.py::test_add",)
    assert run.passing_ids == ("tests/test_ops.py::test_sub",)
    assert run.failures[0].project_frames[-1].path == "tests/test_ops.py"
    host = container.attrs["HostConfig"]
    assert host["NetworkMode"] == "none"
    assert host["ReadonlyRootfs"] is True
    assert host["CapDrop"] == ["ALL"]
    assert "no-new-privileges" in host["SecurityOpt"]
    assert host["PidsLimit"] == 64
    assert host["Memory"] == 256 * 1024 * 1024
    assert container.attrs["Config"]["User"] == "1000:1000"
    assert not [m for m in container.attrs["Mounts"] if m["Type"] == "bind"]


@pytest.mark.docker
def test_changes_files_and_environment(docker_sandbox: DockerSandbox, snapshot: Snapshot,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOST_SECRET_TOKEN", "canary-123")
    monkeypatch.setenv("PLAIN_HOST_VAR", "also-not-passed")
    fixed = {"calc/ops.py": "def add(a, b):\n    return a + b\n", "names.py": "N = 'è'\n"}
    with docker_sandbox.workspace(snapshot, fixed) as ws:
        run = run_tests(ws, TestCommand.parse(None), timeout=60)
        assert ws.read_file(ws.root / "names.py") == "N = 'è'\n".encode("latin-1")
        ws.put_file(ws.scratch / "deep" / "note.txt", b"hello")
        env = ws.run(["sh", "-c", "cat ../scratch/deep/note.txt; echo; env; id -u; "
                      "touch /etc/x 2>&1; touch /usr/x 2>&1"], timeout=20)
        assert ws.read_file(ws.scratch / "missing.txt") is None
    assert run.passing_ids == ("tests/test_ops.py::test_add", "tests/test_ops.py::test_sub")
    assert env.status == "ok" and env.output.startswith("hello\n")
    assert "canary-123" not in env.output and "also-not-passed" not in env.output
    assert "PASSED_ON=named" in env.output
    assert "\n1000\n" in env.output
    assert env.output.count("Read-only file system") == 2
    with docker_sandbox.workspace(snapshot) as ws:  # the next workspace starts from the snapshot
        again = run_tests(ws, TestCommand.parse(None), timeout=60)
    assert again.failing_ids == ("tests/test_ops.py::test_add",)


@pytest.mark.docker
def test_a_command_past_its_deadline_is_killed(docker_sandbox: DockerSandbox, snapshot: Snapshot
                                              ) -> None:
    with docker_sandbox.workspace(snapshot) as ws:
        start = time.monotonic()
        res = ws.run(["sh", "-c", "sleep 60 & sleep 60"], timeout=2)
        after = ws.run(["python3", "-c", "import glob; print(sum(open(p, 'rb').read() == "
                        "b'sleep\\x0060\\x00' for p in glob.glob('/proc/[0-9]*/cmdline')))"],
                       timeout=10)
    assert res.status == "timeout" and res.returncode is None
    assert time.monotonic() - start < 15
    assert after.output.strip() == "0"  # the whole group went


@pytest.mark.docker
def test_missing_command_is_not_found(docker_sandbox: DockerSandbox, snapshot: Snapshot) -> None:
    with docker_sandbox.workspace(snapshot) as ws:
        res = ws.run(["no-such-tool", "--help"], timeout=10)
    assert res.status == "not_found"


@pytest.mark.docker
def test_cancel_kills_a_running_command(docker_sandbox: DockerSandbox, snapshot: Snapshot,
                                        client: Any) -> None:
    results = []
    with docker_sandbox.workspace(snapshot) as ws:
        worker = threading.Thread(target=lambda: results.append(
            ws.run(["sleep", "60"], timeout=60)))
        worker.start()
        time.sleep(1.5)
        docker_sandbox.cancel()
        worker.join(timeout=30)
    assert results and results[0].status == "killed"
    assert ours(client, docker_sandbox) == []


@pytest.mark.docker
def test_close_leaves_no_container_or_volume(client: Any, snapshot: Snapshot) -> None:
    sb = DockerSandbox(limits=SMALL, client=client, containers=2)
    with sb.workspace(snapshot) as a, sb.workspace(snapshot) as b:
        assert a.run(["true"], timeout=10).returncode == 0
        assert b.run(["true"], timeout=10).returncode == 0
        assert len(ours(client, sb)) == 2
    sb.close()
    assert ours(client, sb) == []
    assert client.volumes.list(filters={"label": f"{OWNER}={sb.owner}"}) == []


@pytest.mark.docker
def test_the_reaper_removes_containers_of_a_dead_run(client: Any, tmp_path: Path) -> None:
    """A run killed with SIGKILL leaves its containers; the next start removes them."""
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from homeostasis.tools.sandbox.docker.sandbox import DockerSandbox\n"
        "from homeostasis.tools.sandbox.snapshot import Snapshot\n"
        "root = Path(sys.argv[1]); (root / 'p').mkdir(); (root / 'p' / 'a.py').write_text('')\n"
        "snap = Snapshot.take(root / 'p', root / 's')\n"
        "sb = DockerSandbox(base=root / 'base')\n"
        "with sb.workspace(snap) as ws:\n"
        "    print(sb.owner, flush=True)\n"
        "    time.sleep(120)\n"
    )
    with subprocess.Popen([sys.executable, "-c", script, str(tmp_path)],
                          stdout=subprocess.PIPE, text=True) as proc:
        owner = proc.stdout.readline().strip()
        assert owner.endswith(f":{proc.pid}")
        proc.kill()
    left = client.containers.list(all=True, filters={"label": f"{OWNER}={owner}"})
    assert len(left) == 1
    assert reap(client) >= 1
    assert client.containers.list(all=True, filters={"label": f"{OWNER}={owner}"}) == []
    assert client.volumes.list(filters={"label": f"{OWNER}={owner}"}) == []


def test_unreachable_engine_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-docker.sock")
    with pytest.raises(SandboxError) as err:
        connect()
    assert "cannot reach the Docker engine" in str(err.value)
    assert "--sandbox local" in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.docker
def test_a_missing_image_says_how_to_build_it(client: Any) -> None:
    with pytest.raises(SandboxError) as err:
        DockerSandbox(client=client, image="homeostasis-no-such-image:0")
    assert "homeostasis-no-such-image:0 is not on this machine" in str(err.value)


@pytest.mark.e2e
@pytest.mark.docker
def test_fix_with_docker_repairs_the_bundled_example(client: Any, tmp_path: Path) -> None:
    project = copy_example("invoicing", tmp_path)
    done = run_cli("fix", project, "--sandbox", "docker", "--yes", "--candidates", "5",
                   timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "in the docker sandbox" in done.stdout
    assert "quantity >= tier.min_quantity" in (project / "invoicing" / "pricing.py").read_text()


@pytest.mark.e2e
@pytest.mark.docker
def test_with_docker_no_program_of_the_repository_runs_on_the_host(client: Any,
                                                                  tmp_path: Path) -> None:
    # A src-layout project that ships its own ".venv/bin/python": with Docker, the tests run
    # on the image's Python, so that program must not be run on the host to learn anything.
    project = write_project(tmp_path / "project", {
        "src/calc/__init__.py": "", "src/calc/ops.py": "def add(a, b):\n    return a - b\n",
        "tests/test_ops.py": "from calc.ops import add\n\ndef test_add():\n"
                             "    assert add(2, 3) == 5\n"})
    ran = tmp_path / "ran-on-the-host"
    fake = project / ".venv" / "bin" / "python"
    fake.parent.mkdir(parents=True)
    fake.write_text(f"#!/bin/sh\ntouch {ran}\nexec {sys.executable} \"$@\"\n")
    fake.chmod(0o755)
    done = run_cli("fix", project, "--sandbox", "docker", "--dry-run", "--candidates", "5",
                   timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not ran.exists(), "the repository's .venv/bin/python was run on the host"
    assert "1 failing, 0 passing" in done.stdout or "FAIL tests/test_ops.py::test_add" in (
        done.stdout), done.stdout  # the tests imported calc from src/ in the container
    assert "+    return a + b" in done.stdout


@pytest.mark.e2e
def test_auto_says_when_it_falls_back_to_local(tmp_path: Path) -> None:
    project = copy_example("invoicing", tmp_path)
    dead = f"unix://{tmp_path}/no-docker.sock"
    done = run_cli("fix", project, "--sandbox", "auto", "--dry-run", "--candidates", "3",
                   env={"DOCKER_HOST": dead})
    assert "Docker is not available (cannot reach the Docker engine" in done.stdout
    assert "in the local sandbox" in done.stdout
    strict = run_cli("fix", project, "--sandbox", "docker", "--dry-run",
                     env={"DOCKER_HOST": dead})
    assert strict.returncode == 1
    assert strict.stderr.startswith("homeostasis: error: cannot reach the Docker engine")
    assert "Traceback" not in strict.stderr


@pytest.mark.docker
def test_host_loopback_is_out_of_reach(docker_sandbox: DockerSandbox, snapshot: Snapshot) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    try:
        with docker_sandbox.workspace(snapshot) as ws:
            res = ws.run(["python3", "-c", "import socket; socket.create_connection("
                          f"('127.0.0.1', {port}), timeout=3)"], timeout=20)
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()
    assert res.returncode != 0 and "Connection refused" in res.output


@pytest.mark.docker
def test_the_projects_dependencies_become_a_reused_image_layer(client: Any, tmp_path: Path
                                                                ) -> None:
    """A requirement (here a wheel built on the spot, so nothing is downloaded) is installed
    into a layer tagged by the requirements' hash; the second sandbox reuses it."""
    wheel = tmp_path / "greetlib-0.1-py3-none-any.whl"
    info = "greetlib-0.1.dist-info"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("greetlib/__init__.py", "def greet():\n    return 'hi'\n")
        archive.writestr(f"{info}/METADATA",
                         "Metadata-Version: 2.1\nName: greetlib\nVersion: 0.1\n")
        archive.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: hand\n"
                         "Root-Is-Purelib: true\nTag: py3-none-any\n")
        archive.writestr(f"{info}/RECORD", "")
    project = tmp_path / "project"
    (project / "tests").mkdir(parents=True)
    (project / "requirements.txt").write_text(f"greetlib @ {wheel.as_uri()}\n")
    (project / "tests" / "test_greet.py").write_text(
        "from greetlib import greet\n\ndef test_greet():\n    assert greet() == 'hi'\n")
    snapshot = Snapshot.take(project, tmp_path / "snapshot")
    said: list[str] = []
    first = DockerSandbox(limits=SMALL, client=client, containers=1, project=project,
                          say=said.append)
    try:
        assert first.image.startswith("homeostasis-sandbox-project:")
        with first.workspace(snapshot) as ws:
            run = run_tests(ws, TestCommand.parse(None), timeout=60)
        assert run.passing_ids == ("tests/test_greet.py::test_greet",), run.output
    finally:
        first.close()
    assert any("dependencies into a sandbox layer" in line for line in said)
    said.clear()
    second = DockerSandbox(limits=SMALL, client=client, containers=1, project=project,
                           say=said.append)
    second.close()
    assert second.image == first.image and said == []
    client.images.remove(first.image, force=True)


@pytest.mark.docker
def test_a_project_can_build_its_sandbox_from_its_own_dockerfile(client: Any, tmp_path: Path
                                                                  ) -> None:
    from homeostasis.tools.sandbox.docker.image import default_tag

    project = tmp_path / "project"
    project.mkdir()
    (project / "sandbox.Dockerfile").write_text(
        f"FROM {default_tag()}\nUSER root\nRUN echo built-here > /opt/marker\n")
    sb = DockerSandbox(limits=SMALL, client=client, containers=1, project=project,
                       dockerfile="sandbox.Dockerfile", say=lambda _: None)
    try:
        assert sb.image.startswith("homeostasis-sandbox-dockerfile:")
        snapshot = Snapshot.take(project, tmp_path / "snapshot")
        with sb.workspace(snapshot) as ws:
            res = ws.run(["cat", "/opt/marker"], timeout=20)
        assert res.output == "built-here\n"
    finally:
        sb.close()
        client.images.remove(sb.image, force=True)
    with pytest.raises(SandboxError, match="no Dockerfile at"):
        DockerSandbox(client=client, project=project, dockerfile="missing.Dockerfile")
    (project / "remote.Dockerfile").write_text("FROM registry.invalid/never-pulled:1\n")
    with pytest.raises(SandboxError, match="which is not on this machine"):
        DockerSandbox(client=client, project=project, dockerfile="remote.Dockerfile")


@pytest.mark.docker
def test_a_run_cannot_change_what_later_runs_start_from(docker_sandbox: DockerSandbox,
                                                        snapshot: Snapshot) -> None:
    """The snapshot and the runner scripts are root's: a hostile run can change neither, so a
    later candidate's result cannot be forged."""
    attack = ("for f in /hs/snapshot/tests/test_ops.py /hs/bin/container_run.py; do "
              "echo 'def test_add(): pass' > $f 2>/dev/null && echo CHANGED $f; done; "
              "rm -rf /hs/snapshot 2>/dev/null; ls /hs/snapshot >/dev/null && echo KEPT")
    with docker_sandbox.workspace(snapshot) as ws:
        res = ws.run(["sh", "-c", attack], timeout=20)
    assert "CHANGED" not in res.output and "KEPT" in res.output
    with docker_sandbox.workspace(snapshot) as ws:
        run = run_tests(ws, TestCommand.parse(None), timeout=60)
    assert run.failing_ids == ("tests/test_ops.py::test_add",)


@pytest.mark.docker
def test_a_container_removed_at_a_deadline_is_replaced(docker_sandbox: DockerSandbox,
                                                       snapshot: Snapshot, client: Any) -> None:
    with docker_sandbox.workspace(snapshot) as ws:
        first = ws.slot.container.id
        docker_sandbox.pool.remove(ws.slot)  # what the host-side timer does
    with docker_sandbox.workspace(snapshot) as ws:
        assert ws.slot.container.id != first
        assert ws.run(["true"], timeout=10).returncode == 0


@pytest.mark.docker
def test_thousands_of_test_ids_fit(docker_sandbox: DockerSandbox, snapshot: Snapshot) -> None:
    """A spec too long for an exec argument goes in as a file."""
    ids = [f"tests/test_ops.py::test_add[{i}]" for i in range(3000)]
    with docker_sandbox.workspace(snapshot) as ws:
        res = ws.run([sys.executable, "-m", "pytest", "-q", "--co", *ids], timeout=60)
    assert res.status == "ok", res.output[-500:]
    assert "not found" in res.output  # pytest itself answered about the ids


PTRACE_EVERYONE = """\
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
me = {os.getpid()}  # the runner is its parent: tried too
for entry in os.listdir("/proc"):
    if not entry.isdigit() or int(entry) in me:
        continue
    try:
        cmdline = open(f"/proc/{entry}/cmdline", "rb").read().replace(b"\\0", b" ").decode()
    except OSError:
        continue
    if "warm_socket" in cmdline or "container_run" in cmdline:
        ok = libc.ptrace(16, int(entry), 0, 0) == 0  # PTRACE_ATTACH
        print("ATTACHED" if ok else "REFUSED", os.strerror(ctypes.get_errno()), cmdline[:60])
"""


@pytest.mark.docker
def test_the_project_cannot_trace_the_runner_or_the_warm_server(
    docker_sandbox: DockerSandbox, snapshot: Snapshot
) -> None:
    """They run as the same user as the project's code; not being dumpable keeps them out of
    its reach (no CAP_SYS_PTRACE in the container)."""
    with docker_sandbox.workspace(snapshot) as ws:
        ws.put_file(ws.scratch / "trace.py", PTRACE_EVERYONE.encode())
        time.sleep(1.0)  # the warm server is up
        res = ws.run(["python3", str(ws.scratch / "trace.py")], timeout=20)
    assert "ATTACHED" not in res.output, res.output
    assert res.output.count("REFUSED") >= 2, res.output  # the runner and the warm server
