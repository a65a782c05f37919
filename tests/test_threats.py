"""Hostile candidates and hostile test projects, run through a real sandbox.

Each threat must be contained and classified — the run's status (or the trial's ``limit``) names
the limit it hit, never a plain test failure — and must leave the host as it was. The hostile
code is bounded even without the sandbox (so a broken sandbox fails these tests instead of
hurting the machine), and the threats that would still hurt it — a fork bomb, a connection off
the machine — only run where the protection is proven active: skipped otherwise, with the
reason, and failed instead under ``CI=true``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from docker_support import docker_or_skip
from helpers import processes_inside
from homeostasis.core.records import Candidate, Edit, TestRun, Trial
from homeostasis.tools.observe.runner import TestCommand, run_tests
from homeostasis.tools.sandbox.base import Sandbox
from homeostasis.tools.sandbox.docker.sandbox import DockerSandbox
from homeostasis.tools.sandbox.limits import Limits
from homeostasis.tools.sandbox.local.sandbox import LocalSandbox
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.trial.candidate import TrialPlan, trial_candidate

pytestmark = pytest.mark.slow

#: The sandboxes every threat is tried against.
SANDBOXES = ["local", pytest.param("docker", marks=pytest.mark.docker)]
MB = 1024 * 1024
LIMITS = Limits(memory_mb=256, pids=64, disk_mb=64, output_mb=1)
PYTEST = TestCommand((sys.executable, "-m", "pytest"))
TIMEOUT = 30.0

CALC = "def add(a, b):\n    return a + b\n"
TEST_CALC = "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n"
PYPROJECT = '[tool.pytest.ini_options]\npythonpath = ["."]\n'


def make_sandbox(kind: str, base: Path, protect: Sequence[Path] = ()) -> Sandbox:
    """A sandbox of ``kind`` with this file's small limits, its own files under ``base``."""
    if kind == "local":
        return LocalSandbox(base, limits=LIMITS, protect=protect)
    if kind == "docker":
        docker_or_skip().close()  # an engine and the image, or a skip (a failure under CI)
        return DockerSandbox(limits=LIMITS, base=base, containers=1)
    raise ValueError(f"unknown sandbox kind {kind!r}")


def missing(sandbox: Sandbox, protection: str) -> str | None:
    """Why ``sandbox`` cannot be trusted with a threat that needs ``protection`` here."""
    if not isinstance(sandbox, LocalSandbox):
        return None
    isolation = sandbox.isolation
    active = {"network": isolation.network, "pid limit": isolation.contains_forks,
              "closed /proc": isolation.privileges_dropped,
              "read-only file system": isolation.readonly and not isolation.writable_protected}
    if active[protection]:
        return None
    return f"no {protection} in the local sandbox here: " + "; ".join(isolation.warnings())


def require(sandbox: Sandbox, protection: str) -> None:
    reason = missing(sandbox, protection)
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def user_project(tmp_path: Path) -> Path:
    """The user's real project: the sandbox must never change it."""
    root = tmp_path / "project"
    (root / "tests").mkdir(parents=True)
    (root / "calc.py").write_text(CALC)
    (root / "keep.txt").write_text("keep me\n")
    (root / "pyproject.toml").write_text(PYPROJECT)
    (root / "tests" / "test_calc.py").write_text(TEST_CALC)
    return root


@pytest.fixture(params=SANDBOXES)
def each_sandbox(request: pytest.FixtureRequest, tmp_path: Path, user_project: Path
                 ) -> Iterator[Sandbox]:
    """Each kind of sandbox in turn, with this file's small limits, told to protect the user's
    project and home."""
    sb = make_sandbox(request.param, tmp_path / "sandbox", (user_project, Path.home()))
    yield sb
    sb.close()


def hostile(user_project: Path, tmp_path: Path, files: dict[str, str]) -> Snapshot:
    """A snapshot of the user's project with hostile files added (in the snapshot only)."""
    snapshot = Snapshot.take(user_project, tmp_path / "snapshot")
    for path, text in files.items():
        (snapshot.root / path).parent.mkdir(parents=True, exist_ok=True)
        (snapshot.root / path).write_text(text)
    return snapshot


def run_hostile(sandbox: Sandbox, snapshot: Snapshot, command: TestCommand = PYTEST,
                env: dict[str, str] | None = None) -> TestRun:
    with sandbox.workspace(snapshot) as ws:
        return run_tests(ws, command, TIMEOUT, env=env)


def try_candidate(sandbox: Sandbox, snapshot: Snapshot, body: str) -> Trial:
    """Trial a candidate that rewrites ``add`` to ``body`` (indented code)."""
    cand = Candidate("evil", "hand", (Edit("calc.py", CALC, f"def add(a, b):\n{body}\n"),),
                     "a hostile candidate")
    plan = TrialPlan(PYTEST, ("tests/test_calc.py::test_add",), frozenset(), (), 1, TIMEOUT)
    return trial_candidate(sandbox, snapshot, cand, plan)


def assert_untouched(user_project: Path) -> None:
    assert sorted(p.name for p in user_project.iterdir()) == [
        "calc.py", "keep.txt", "pyproject.toml", "tests"]
    assert (user_project / "calc.py").read_text() == CALC
    assert (user_project / "keep.txt").read_text() == "keep me\n"


# ── resources ──────────────────────────────────────────────────────────────────────────────

FORK_BOMB = """\
    import os, signal, time
    for _ in range(400):  # the test's process forks until the kernel refuses
        if os.fork() == 0:
            try:
                os.setsid()  # out of the run's process group
                time.sleep(60)
            finally:  # never back into pytest (and past the guard against exiting)
                os.kill(os.getpid(), signal.SIGKILL)
    return a + b"""


def test_a_fork_bomb_hits_the_pid_limit_and_leaves_no_process(
    each_sandbox: Sandbox, user_project: Path, tmp_path: Path
) -> None:
    require(each_sandbox, "pid limit")
    trial = try_candidate(each_sandbox, Snapshot.take(user_project, tmp_path / "snap"), FORK_BOMB)
    assert (trial.status, trial.limit) == ("contained", "pid_limit"), trial.reason
    if isinstance(each_sandbox, LocalSandbox) and each_sandbox.isolation.pid_limit == "nproc":
        each_sandbox.close()  # without a cgroup, what left the session goes when the sandbox closes
    assert processes_inside(tmp_path / "sandbox") == []
    assert_untouched(user_project)


def test_a_memory_hog_hits_the_memory_limit(
    each_sandbox: Sandbox, user_project: Path, tmp_path: Path
) -> None:
    hog = ("    chunks = [b'x' * (16 << 20) for _ in range(64)]  # 1 GiB, touched\n"
           "    return a + b + len(chunks) * 0")
    trial = try_candidate(each_sandbox, Snapshot.take(user_project, tmp_path / "snap"), hog)
    assert (trial.status, trial.limit) == ("contained", "oom"), trial.reason


DISK_FILL = """\
def test_fill():
    with open("fill.bin", "wb") as fh:
        for _ in range(256):  # 256 MB, four times the limit
            fh.write(b"x" * (1 << 20))
"""


@pytest.mark.parametrize("writer", ["python", "dd"])
def test_filling_the_disk_hits_the_disk_limit_and_leaves_nothing(
    each_sandbox: Sandbox, user_project: Path, tmp_path: Path, writer: str
) -> None:
    """Python gets ``EFBIG`` (it ignores ``SIGXFSZ``); ``dd`` is killed by the signal."""
    snapshot = hostile(user_project, tmp_path, {"tests/test_fill.py": DISK_FILL})
    command = PYTEST if writer == "python" else TestCommand(
        ("dd", "if=/dev/zero", "of=fill.bin", "bs=1M", "count=256"))
    with each_sandbox.workspace(snapshot) as ws:
        run = run_tests(ws, command, TIMEOUT)
        assert run.status == "disk_full", run.output[-2000:]
        assert ws.read_file(ws.root / "fill.bin") is not None
        assert len(ws.read_file(ws.root / "fill.bin") or b"") <= LIMITS.disk_mb * MB
    assert list((tmp_path / "sandbox").glob("ws-*")) == []
    assert_untouched(user_project)


ENDLESS_OUTPUT = """\
def test_talk():
    while True:
        print("y" * 1000)
"""


@pytest.mark.parametrize("runner", ["pytest", "plain"])
def test_endless_output_is_stopped_at_the_output_limit(
    each_sandbox: Sandbox, user_project: Path, tmp_path: Path, runner: str
) -> None:
    """Stopped by the sandbox's watch, well before the disk limit would stop it."""
    snapshot = hostile(user_project, tmp_path, {
        "tests/test_talk.py": ENDLESS_OUTPUT,
        "pyproject.toml": PYPROJECT + 'addopts = "-s"\n',  # no capture: straight to the output
    })
    command = PYTEST if runner == "pytest" else TestCommand(
        (sys.executable, "-c", "while True: print('y' * 1000)"))
    run = run_hostile(each_sandbox, snapshot, command)
    assert run.status == "output_truncated", run.output[-2000:]
    assert run.duration < 10
    cut = int(run.output.split(" bytes of output cut", 1)[0].rsplit(" ", 1)[1])
    assert LIMITS.output_mb * MB <= cut + len(run.output) < LIMITS.disk_mb * MB


# ── network ────────────────────────────────────────────────────────────────────────────────

NETWORK = """\
import socket


def test_reach_out():
    try:  # the host's listener: a loopback of the sandbox's own has nothing there
        socket.create_connection(("127.0.0.1", {port}), timeout=2).close()
    except ConnectionRefusedError as exc:
        print("host listener:", exc)
    else:  # the host's network: go no further
        raise AssertionError("reached the host's listener")
    socket.create_connection(("192.0.2.1", 80), timeout=5)  # TEST-NET-1: never routed
"""


def test_a_connection_off_the_machine_is_blocked_and_the_host_is_not_reached(
    each_sandbox: Sandbox, user_project: Path, tmp_path: Path
) -> None:
    require(each_sandbox, "network")  # without it, the test's connection would leave the machine
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listener.setblocking(False)
        code = NETWORK.format(port=listener.getsockname()[1])
        snapshot = hostile(user_project, tmp_path, {"tests/test_net.py": code})
        run = run_hostile(each_sandbox, snapshot)
        assert run.status == "network_blocked", run.output[-2000:]
        assert "host listener: [Errno 111] Connection refused" in run.output
        with pytest.raises(BlockingIOError):
            listener.accept()


SERVE_LOCALLY = """\
import socket


def test_serve_on_localhost():
    with socket.create_server(("127.0.0.1", 0)) as server:
        client = socket.create_connection(server.getsockname(), timeout=5)
        conn, _ = server.accept()
        client.sendall(b"ping")
        assert conn.recv(4) == b"ping"
        conn.close()
        client.close()
"""


def test_a_test_that_serves_on_localhost_still_works(
    each_sandbox: Sandbox, user_project: Path, tmp_path: Path
) -> None:
    snapshot = hostile(user_project, tmp_path, {"tests/test_serve.py": SERVE_LOCALLY})
    run = run_hostile(each_sandbox, snapshot)
    assert run.status == "ok", run.output[-2000:]
    assert "tests/test_serve.py::test_serve_on_localhost" in run.passing_ids


# ── secrets and files ──────────────────────────────────────────────────────────────────────

STEAL_KEY = """\
import os


def test_steal():
    found = {k: v for k, v in os.environ.items() if "sk-canary" in v}
    print("environment:", dict(os.environ))
    with open("loot.txt", "w") as fh:
        fh.write(repr(dict(os.environ)))
    assert not found
"""


def test_an_api_key_in_the_environment_never_reaches_the_project(
    each_sandbox: Sandbox, user_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    canary = f"sk-canary-{uuid.uuid4().hex}"
    monkeypatch.setenv("OPENAI_API_KEY", canary)
    monkeypatch.setenv("ANTHROPIC_API_KEY", canary)
    snapshot = hostile(user_project, tmp_path, {"tests/test_steal.py": STEAL_KEY})
    with each_sandbox.workspace(snapshot) as ws:
        run = run_tests(ws, PYTEST, TIMEOUT)
        loot = ws.read_file(ws.root / "loot.txt")
        left = [p for folder in (ws.root, ws.scratch) for p in folder.rglob("*")
                if p.is_file() and canary.encode() in p.read_bytes()]
    assert run.status == "ok", run.output[-2000:]
    assert "tests/test_steal.py::test_steal" in run.passing_ids
    assert loot is not None and b"PYTHONHASHSEED" in loot  # it did write what it saw
    assert canary not in run.output
    assert left == []


STEAL_FROM_PROC = """\
import os


def test_steal_from_other_processes():
    readable = found = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/environ", "rb") as fh:
                environ = fh.read()
        except OSError:
            continue
        readable += 1
        found += b"sk-canary" in environ
    print("readable environments:", readable)
    assert not found
"""


def test_an_api_key_in_another_process_environment_is_out_of_reach(
    each_sandbox: Sandbox, user_project: Path, tmp_path: Path
) -> None:
    """With no PID namespace the project's code sees the user's other processes in ``/proc``
    (Homeostasis' own among them), but not their environments."""
    require(each_sandbox, "closed /proc")
    canary = f"sk-canary-{uuid.uuid4().hex}"
    holder = subprocess.Popen(["sleep", "60"], env={**os.environ, "OPENAI_API_KEY": canary})
    try:
        snapshot = hostile(user_project, tmp_path, {"tests/test_steal.py": STEAL_FROM_PROC})
        run = run_hostile(each_sandbox, snapshot)
    finally:
        holder.kill()
        holder.wait()
    assert run.status == "ok", run.output[-2000:]
    assert "tests/test_steal.py::test_steal_from_other_processes" in run.passing_ids
    assert canary not in run.output


WRITE_OUTSIDE = """\
import os
from pathlib import Path

TARGETS = {{
    "parent": "../escape-{tag}",
    "beyond the sandbox": "../../../escape-{tag}",
    "tmp": "/tmp/escape-{tag}",
    "tilde": os.path.expanduser("~/escape-{tag}"),
    "real home": "{home}/escape-{tag}",
    "user project": "{project}/escape-{tag}",
}}


def test_write_everywhere():
    for name, target in TARGETS.items():
        try:
            Path(target).write_text("escaped")
            print("WROTE", name, os.path.abspath(target))
        except OSError as exc:
            print("REFUSED", name, exc)
    try:
        os.remove("{project}/keep.txt")
        print("WROTE user project deletion")
    except OSError as exc:
        print("REFUSED deletion", exc)
"""


def test_writes_outside_the_sandbox_are_refused(
    each_sandbox: Sandbox, user_project: Path, tmp_path: Path
) -> None:
    require(each_sandbox, "read-only file system")
    tag = uuid.uuid4().hex
    code = WRITE_OUTSIDE.format(tag=tag, project=user_project, home=Path.home())
    snapshot = hostile(user_project, tmp_path, {"tests/test_write.py": code})
    escapes = [tmp_path / f"escape-{tag}", Path(f"/tmp/escape-{tag}"),
               Path.home() / f"escape-{tag}", user_project / f"escape-{tag}"]
    try:
        with each_sandbox.workspace(snapshot) as ws:
            run = run_tests(ws, PYTEST, TIMEOUT, extra_args=["-s"])
            inside = [ws.root.parent / f"escape-{tag}", ws.scratch / "home" / f"escape-{tag}"]
            # the sandbox's own folder is writable
            assert all(ws.read_file(p) == b"escaped" for p in inside)
        assert run.status == "ok", run.output[-2000:]
        refused = ["beyond the sandbox", "real home", "user project", "deletion"]
        if isinstance(each_sandbox, LocalSandbox):  # a container's /tmp is its own tmpfs
            refused.append("tmp")
        for name in refused:
            assert f"REFUSED {name} " in run.output, run.output[-2000:]
        assert not any(p.exists() for p in [*escapes, *inside])
        assert_untouched(user_project)
    finally:
        for path in escapes:
            path.unlink(missing_ok=True)


CONFTEST = """\
import os
from pathlib import Path

HOME = Path("{home}")  # the user's real home on the host
for attempt in (
    lambda: Path("{project}/pwned.txt").write_text("pwned"),
    lambda: Path("{project}/calc.py").write_text("pwned"),
    lambda: os.remove("{project}/keep.txt"),
    lambda: (HOME / "pwned-{tag}").write_text("pwned"),
    lambda: os.remove(HOME / "keep-{tag}"),
):
    try:
        attempt()
    except OSError:
        pass
"""


def test_a_conftest_with_side_effects_at_import_changes_nothing_on_the_host(
    each_sandbox: Sandbox, user_project: Path, tmp_path: Path
) -> None:
    require(each_sandbox, "read-only file system")
    tag = uuid.uuid4().hex
    kept = Path.home() / f"keep-{tag}"
    kept.write_text("keep me\n")
    code = CONFTEST.format(project=user_project, tag=tag, home=Path.home())
    try:
        snapshot = hostile(user_project, tmp_path, {"tests/conftest.py": code})
        run = run_hostile(each_sandbox, snapshot)
        assert run.status == "ok", run.output[-2000:]
        assert run.passing_ids == ("tests/test_calc.py::test_add",)
        assert_untouched(user_project)
        assert kept.read_text() == "keep me\n"
        assert not (Path.home() / f"pwned-{tag}").exists()
    finally:
        kept.unlink(missing_ok=True)
        (Path.home() / f"pwned-{tag}").unlink(missing_ok=True)


@pytest.mark.parametrize("path", ["../outside.py", "/tmp/homeostasis-threat.py", "link/x.py"])
def test_a_candidate_that_edits_outside_the_project_is_rejected_before_any_write(
    each_sandbox: Sandbox, user_project: Path, tmp_path: Path, path: str
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (user_project / "link").symlink_to(outside)
    snapshot = Snapshot.take(user_project, tmp_path / "snap")
    cand = Candidate("evil", "hand", (Edit(path, "", "import os\n"),), "writes elsewhere")
    plan = TrialPlan(PYTEST, ("tests/test_calc.py::test_add",), frozenset(), (), 1, TIMEOUT)
    trial = trial_candidate(each_sandbox, snapshot, cand, plan)
    assert trial.status == "rejected"
    assert trial.reason.startswith(f"edits a file outside the project: {path!r}")
    assert not (tmp_path / "outside.py").exists()
    assert not Path("/tmp/homeostasis-threat.py").exists()
    assert list(outside.iterdir()) == []


TRACE_ANCESTORS = """\
import ctypes, os


def test_trace():
    libc = ctypes.CDLL(None, use_errno=True)
    pid = os.getppid()
    while pid > 1:
        attached = libc.ptrace(16, pid, 0, 0) == 0  # PTRACE_ATTACH
        print("ATTACHED" if attached else "REFUSED", pid, os.strerror(ctypes.get_errno()))
        if attached:
            libc.ptrace(17, pid, 0, 0)  # PTRACE_DETACH
        try:
            with open(f"/proc/{pid}/stat") as fh:
                pid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            break
"""


def test_the_projects_code_cannot_trace_what_runs_it(
    each_sandbox: Sandbox, user_project: Path, tmp_path: Path
) -> None:
    """Not the warm server, not the runner, not Homeostasis itself: each could be made to
    report a failing candidate as plausible."""
    snapshot = hostile(user_project, tmp_path, {"tests/test_trace.py": TRACE_ANCESTORS})
    run = run_hostile(each_sandbox, snapshot, TestCommand((*PYTEST.argv, "-s")))
    assert "REFUSED" in run.output, run.output[-2000:]
    assert "ATTACHED" not in run.output, run.output[-2000:]
