"""The local sandbox: private copies, real commands, timeouts that kill the whole group.
(``sandbox``, ``project`` and ``snapshot`` are the shared fixtures of conftest.py.)"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers import alive
from homeostasis.tools.sandbox.local.environment import scrubbed_environ
from homeostasis.tools.sandbox.local.process import OUTPUT_LIMIT
from homeostasis.tools.sandbox.local.sandbox import LocalSandbox
from homeostasis.tools.sandbox.snapshot import Snapshot

PY = sys.executable


@pytest.fixture
def cluttered_project(tmp_path: Path) -> Path:
    """A project cluttered with folders a snapshot leaves out, and a Latin-1 file with CRLF."""
    root = tmp_path / "src"
    (root / "calc").mkdir(parents=True)
    (root / "calc" / "ops.py").write_text("def add(a, b):\n    return a - b\n")
    (root / "names.py").write_bytes("# -*- coding: latin-1 -*-\nN = 'é'\r\n".encode("latin-1"))
    for ignored in (".git", ".venv", "calc/__pycache__", "pkg.egg-info"):
        (root / ignored).mkdir(parents=True)
        (root / ignored / "junk.txt").write_text("junk\n")
    return root


@pytest.fixture
def cluttered_snapshot(cluttered_project: Path, tmp_path: Path) -> Snapshot:
    return Snapshot.take(cluttered_project, tmp_path / "snap")


def test_snapshot_skips_ignored_dirs_and_hashes_files(cluttered_snapshot: Snapshot) -> None:
    assert set(cluttered_snapshot.hashes) == {"calc/ops.py", "names.py"}
    assert not (cluttered_snapshot.root / ".git").exists()
    assert cluttered_snapshot.read("names.py") == "# -*- coding: latin-1 -*-\nN = 'é'\r\n"


def test_workspace_is_a_private_copy(
    sandbox: LocalSandbox, snapshot: Snapshot, project: Path
) -> None:
    with sandbox.workspace(snapshot) as ws:
        assert ws.root != snapshot.root
        assert (ws.root / "calc/ops.py").read_text() == "def add(a, b):\n    return a - b\n"
        (ws.root / "calc/ops.py").write_text("broken = True\n")
        (ws.root / "extra.py").write_text("x = 1\n")
        home = ws.root.parent
    assert not home.exists()
    for tree in (snapshot.root, project):
        assert (tree / "calc/ops.py").read_text() == "def add(a, b):\n    return a - b\n"
        assert not (tree / "extra.py").exists()


def test_each_workspace_is_separate(sandbox: LocalSandbox, snapshot: Snapshot) -> None:
    with sandbox.workspace(snapshot) as a, sandbox.workspace(snapshot) as b:
        assert a.root != b.root
        (a.root / "calc/ops.py").write_text("a = 1\n")
        assert (b.root / "calc/ops.py").read_text() == "def add(a, b):\n    return a - b\n"


def test_changes_are_written_into_the_workspace_in_their_encoding(
    sandbox: LocalSandbox, snapshot: Snapshot, project: Path
) -> None:
    changes = {
        "calc/ops.py": "def add(a, b):\n    return a + b\n",
        "names.py": "# -*- coding: latin-1 -*-\nN = 'è'\r\n",
        "calc/new/helper.py": "H = 'ü'\n",
    }
    with sandbox.workspace(snapshot, changes) as ws:
        assert (ws.root / "calc/ops.py").read_text() == changes["calc/ops.py"]
        assert (ws.root / "names.py").read_bytes() == changes["names.py"].encode("latin-1")
        assert (ws.root / "calc/new/helper.py").read_bytes() == "H = 'ü'\n".encode()
    assert (project / "calc/ops.py").read_text() == "def add(a, b):\n    return a - b\n"
    assert snapshot.read("calc/ops.py") == "def add(a, b):\n    return a - b\n"


def test_ignored_dirs_are_not_copied(sandbox: LocalSandbox,
                                     cluttered_snapshot: Snapshot) -> None:
    with sandbox.workspace(cluttered_snapshot) as ws:
        for ignored in (".git", ".venv", "calc/__pycache__", "pkg.egg-info"):
            assert not (ws.root / ignored).exists()
        assert (ws.root / "calc/ops.py").is_file()


def test_a_command_runs_in_the_workspace(sandbox: LocalSandbox,
                                         cluttered_snapshot: Snapshot) -> None:
    with sandbox.workspace(cluttered_snapshot) as ws:
        res = ws.run([PY, "-c", "import os; print(sorted(os.listdir('.')))"], timeout=20)
    assert res.status == "ok"
    assert res.returncode == 0
    assert res.output.strip() == "['calc', 'names.py']"


def test_a_failing_command_is_ok_with_its_returncode(
    sandbox: LocalSandbox, snapshot: Snapshot
) -> None:
    with sandbox.workspace(snapshot) as ws:
        res = ws.run([PY, "-c", "import sys; print('out'); print('err', file=sys.stderr); "
                      "sys.exit(3)"], timeout=20)
    assert res.status == "ok"
    assert res.returncode == 3
    assert "out" in res.output and "err" in res.output
    assert res.argv[0] == PY


def test_a_missing_command_is_not_found(sandbox: LocalSandbox, snapshot: Snapshot) -> None:
    with sandbox.workspace(snapshot) as ws:
        res = ws.run(["no-such-command-homeostasis-test"], timeout=5)
    assert res.status == "not_found"
    assert res.returncode is None


def test_a_command_the_os_cannot_execute_is_data(sandbox: LocalSandbox,
                                                 snapshot: Snapshot) -> None:
    with sandbox.workspace(snapshot) as ws:
        script = ws.root / "run-tests"
        script.write_text("echo no interpreter line\n", encoding="utf-8")
        script.chmod(0o755)
        res = ws.run(["./run-tests"], timeout=10)
    assert res.status == "not_found"
    assert res.returncode is None


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_running_commands_leaks_no_file_descriptors(sandbox: LocalSandbox,
                                                    snapshot: Snapshot) -> None:
    with sandbox.workspace(snapshot) as ws:
        ws.run([PY, "-c", "pass"], timeout=30)
        before = len(os.listdir("/proc/self/fd"))
        for _ in range(5):
            ws.run([PY, "-c", "pass"], timeout=30)
        assert len(os.listdir("/proc/self/fd")) == before


CHILD_SLEEPER = """\
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
open("child.pid", "w").write(str(child.pid))
print("started", flush=True)
time.sleep(60)
"""


@pytest.mark.slow
def test_a_timeout_kills_the_command_and_its_children(
    sandbox: LocalSandbox, snapshot: Snapshot
) -> None:
    with sandbox.workspace(snapshot) as ws:
        (ws.root / "sleeper.py").write_text(CHILD_SLEEPER)
        start = time.monotonic()
        res = ws.run([PY, "sleeper.py"], timeout=2)
        elapsed = time.monotonic() - start
        child_pid = int((ws.root / "child.pid").read_text())
    assert res.status == "timeout"
    assert res.returncode is None
    assert "started" in res.output
    assert elapsed < 10
    deadline = time.monotonic() + 5
    while alive(child_pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child_pid)


def test_stray_children_of_a_finished_command_are_killed(
    sandbox: LocalSandbox, snapshot: Snapshot
) -> None:
    script = (
        "import subprocess, sys\n"
        "c = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        "open('child.pid', 'w').write(str(c.pid))\n"
    )
    with sandbox.workspace(snapshot) as ws:
        res = ws.run([PY, "-c", script], timeout=20)
        child_pid = int((ws.root / "child.pid").read_text())
    assert res.status == "ok"
    assert res.returncode == 0
    deadline = time.monotonic() + 5
    while alive(child_pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child_pid)


def test_long_output_is_cut_to_its_tail(sandbox: LocalSandbox, snapshot: Snapshot) -> None:
    extra = 5000
    script = (
        "import sys\n"
        f"sys.stdout.write('A' * {extra} + 'B' * ({OUTPUT_LIMIT} - 4) + 'END\\n')\n"
    )
    with sandbox.workspace(snapshot) as ws:
        res = ws.run([PY, "-c", script], timeout=20)
    assert res.status == "ok"
    total = extra + OUTPUT_LIMIT
    assert res.output.startswith(f"[… {total - OUTPUT_LIMIT} bytes of output cut …]\n")
    body = res.output.split("\n", 1)[1]
    assert len(body) == OUTPUT_LIMIT
    assert body.endswith("END\n")
    assert "A" not in body


def test_short_output_is_kept_whole(sandbox: LocalSandbox, snapshot: Snapshot) -> None:
    with sandbox.workspace(snapshot) as ws:
        res = ws.run([PY, "-c", "print('x' * 100)"], timeout=20)
    assert res.output == "x" * 100 + "\n"


def test_credential_like_variables_are_hidden(
    sandbox: LocalSandbox, snapshot: Snapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MY_API_KEY", "sekrit-1")
    monkeypatch.setenv("GITHUB_TOKEN", "sekrit-2")
    monkeypatch.setenv("db_password", "sekrit-3")
    monkeypatch.setenv("HOMEOSTASIS_VISIBLE", "plain-value")
    monkeypatch.setenv("PYTHONPATH", "/somewhere")
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    script = (
        "import os\n"
        "for k in ('MY_API_KEY', 'GITHUB_TOKEN', 'db_password', 'HOMEOSTASIS_VISIBLE',\n"
        "          'PYTHONPATH', 'PYTHONDONTWRITEBYTECODE', 'EXTRA'):\n"
        "    print(k, '=', os.environ.get(k, '<unset>'))\n"
    )
    with sandbox.workspace(snapshot) as ws:
        res = ws.run([PY, "-c", script], timeout=20, env={"EXTRA": "given"})
    assert res.status == "ok"
    assert "sekrit" not in res.output
    assert "MY_API_KEY = <unset>" in res.output
    assert "GITHUB_TOKEN = <unset>" in res.output
    assert "db_password = <unset>" in res.output
    assert "HOMEOSTASIS_VISIBLE = plain-value" in res.output
    assert "PYTHONPATH = <unset>" in res.output
    assert "PYTHONDONTWRITEBYTECODE = <unset>" in res.output  # workspaces keep bytecode
    assert "EXTRA = given" in res.output
    assert "MY_API_KEY" not in scrubbed_environ()


def test_home_and_temp_are_folders_of_the_workspace_and_the_rest_is_read_only(
    sandbox: LocalSandbox, snapshot: Snapshot, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(project))
    script = (
        "import os, tempfile\n"
        "for name in ('HOME', 'TMPDIR'):\n"
        "    path = os.path.join(os.environ[name], 'x')\n"
        "    open(path, 'w').write('x')\n"
        "    print(name, os.environ[name])\n"
        "print('temp', tempfile.gettempdir())\n"
        f"open({str(project / 'x')!r}, 'w')\n"
    )
    with sandbox.workspace(snapshot) as ws:
        res = ws.run([PY, "-c", script], timeout=20)
    assert res.output.splitlines()[:3] == [
        f"HOME {ws.scratch / 'home'}", f"TMPDIR {ws.scratch / 'tmp'}", f"temp {ws.scratch / 'tmp'}"]
    if sandbox.isolation.readonly:
        assert "Read-only file system" in res.output
        assert not (project / "x").exists()


def test_cancel_kills_a_running_command(sandbox: LocalSandbox, snapshot: Snapshot) -> None:
    with sandbox.workspace(snapshot) as ws:
        (ws.root / "sleeper.py").write_text(CHILD_SLEEPER)
        results = []
        runner = threading.Thread(
            target=lambda: results.append(ws.run([PY, "sleeper.py"], timeout=30))
        )
        start = time.monotonic()
        runner.start()
        pid_file = ws.root / "child.pid"
        while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() - start < 10:
            time.sleep(0.05)
        sandbox.cancel()
        runner.join(timeout=10)
        assert not runner.is_alive()
        child_pid = int(pid_file.read_text())
        assert time.monotonic() - start < 15
        # Later runs do not start at all.
        later = ws.run([PY, "-c", "print('hi')"], timeout=20)
    assert results[0].status == "killed"
    assert later.status == "killed"
    assert "hi" not in later.output
    deadline = time.monotonic() + 5
    while alive(child_pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child_pid)


def test_close_removes_every_workspace(tmp_path: Path, snapshot: Snapshot) -> None:
    sb = LocalSandbox(tmp_path / "base")
    (tmp_path / "base").mkdir()
    with sb.workspace(snapshot) as ws:
        assert ws.root.is_dir()
    sb.close()
    assert not (tmp_path / "base").exists()


SHM_TEST = """
import os

def test_leaves_a_file_in_dev_shm():
    path = {path!r}
    seen = os.path.exists(path)
    with open(path, "w") as fh:
        fh.write("state for the next candidate")
    assert not seen, "an earlier run's file"
"""


@pytest.mark.slow
@pytest.mark.parametrize("warm", [False, True], ids=["fresh", "warm"])
def test_each_run_has_a_private_dev_shm(tmp_path: Path, snapshot: Snapshot, warm: bool) -> None:
    """A file a test leaves in /dev/shm neither reaches the host nor a later run (whether run
    fresh or forked from the warm server)."""
    path = Path("/dev/shm") / f"homeostasis-test-{os.getpid()}-{tmp_path.name}"
    sb = LocalSandbox(tmp_path / "shm-sandbox", warm=warm)
    try:
        if not sb.isolation.private_shm:
            assert any("/dev/shm" in line for line in sb.warnings)
            pytest.skip("this kernel gives the sandbox no private /dev/shm")
        argv = [PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_shm.py"]
        for _ in range(2):
            with sb.workspace(snapshot, {"test_shm.py": SHM_TEST.format(path=str(path))}) as ws:
                res = ws.run(argv, timeout=60)
            assert res.returncode == 0, res.output
            assert not path.exists()
        assert (sb.runner.warm_server is not None) == warm
    finally:
        sb.close()
        path.unlink(missing_ok=True)


SHM_WRITER = """
import os, time

def test_writes_and_waits():
    open({path!r}, "w").close()
    open({wrote!r}, "w").close()
    deadline = time.monotonic() + 30
    while not os.path.exists({checked!r}) and time.monotonic() < deadline:
        time.sleep(0.05)
"""
SHM_READER = """
import os, time

def test_looks_while_the_writer_runs():
    deadline = time.monotonic() + 30
    while not os.path.exists({wrote!r}) and time.monotonic() < deadline:
        time.sleep(0.05)
    seen = os.path.exists({path!r})
    open({checked!r}, "w").close()
    assert not seen, "the other run's file"
"""


@pytest.mark.slow
def test_warm_runs_at_the_same_time_do_not_share_dev_shm(tmp_path: Path,
                                                        snapshot: Snapshot) -> None:
    """Two runs in flight at once are forked from two warm servers, each with its own
    /dev/shm (they meet through a folder of the sandbox, which both may write)."""
    sb = LocalSandbox(tmp_path / "shm-sandbox")
    meet = sb.base / "meet"
    names = {"path": "/dev/shm/homeostasis-concurrent", "wrote": str(meet / "wrote"),
             "checked": str(meet / "checked")}
    argv = [PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_shm.py"]
    results = {}

    def run(role: str, test: str) -> None:
        with sb.workspace(snapshot, {"test_shm.py": test.format(**names)}) as ws:
            results[role] = ws.run(argv, timeout=60)

    try:
        if not sb.isolation.private_shm:
            pytest.skip("this kernel gives the sandbox no private /dev/shm")
        meet.mkdir()
        threads = [threading.Thread(target=run, args=("writer", SHM_WRITER)),
                   threading.Thread(target=run, args=("reader", SHM_READER))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=90)
        assert results["reader"].returncode == 0, results["reader"].output
        assert results["writer"].returncode == 0, results["writer"].output
        assert (meet / "checked").exists()
    finally:
        sb.close()
        Path(names["path"]).unlink(missing_ok=True)
