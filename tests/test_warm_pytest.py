"""The warm pytest server: the same results as a fresh `python -m pytest`, deadlines and
cancellation that kill the forked run, and the cases it must leave to a fresh process."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest
from homeostasis.tools.observe.runner import TestCommand, run_tests
from homeostasis.tools.sandbox.local.sandbox import LocalSandbox
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.tools.sandbox.warmable import accepts

TESTS = """
import os, time

def test_pass():
    assert 1 + 1 == 2

def test_fail():
    assert 2 * 2 == 5

def test_env_is_the_requested_one():
    assert os.environ.get("PROBE_API_TOKEN") is None
    assert os.environ["PYTHONHASHSEED"] == "0"

def test_slow():
    if os.environ.get("SLOW"):
        with open("pid.txt", "w") as fh:
            fh.write(str(os.getpid()))
        time.sleep(60)
"""


@pytest.fixture
def probe_snapshot(tmp_path: Path) -> Snapshot:
    """A project whose tests pass, fail, check their environment, and hang if SLOW is set."""
    project = tmp_path / "project"
    (project / "tests").mkdir(parents=True)
    (project / "tests" / "test_x.py").write_text(TESTS, encoding="utf-8")
    return Snapshot.take(project, tmp_path / "snapshot")


def outcomes(sandbox: LocalSandbox, snapshot: Snapshot) -> dict[str, str]:
    with sandbox.workspace(snapshot) as ws:
        run = run_tests(ws, TestCommand.parse(None), timeout=60)
    assert run.status == "ok", run.detail
    return {r.test_id: r.outcome for r in run.results}


@pytest.mark.slow
def test_warm_and_fresh_runs_agree(probe_snapshot: Snapshot, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROBE_API_TOKEN", "secret")  # must not leak into either run
    warm = LocalSandbox(tmp_path / "warm")
    fresh = LocalSandbox(tmp_path / "fresh", warm=False)
    try:
        got = outcomes(warm, probe_snapshot)
        assert got == outcomes(fresh, probe_snapshot)
        assert warm.runner.warm_server is not None  # the run really went through the server
        assert fresh.runner.warm_server is None
    finally:
        warm.close()
        fresh.close()
    assert got["tests/test_x.py::test_fail"] == "failed"
    assert got["tests/test_x.py::test_env_is_the_requested_one"] == "passed"


@pytest.mark.slow
def test_a_warm_run_past_its_deadline_is_killed(sandbox: LocalSandbox,
                                                probe_snapshot: Snapshot) -> None:
    with sandbox.workspace(probe_snapshot) as ws:
        start = time.monotonic()
        res = ws.run([sys.executable, "-m", "pytest", "-q", "tests/test_x.py::test_slow"],
                     timeout=3, env={"SLOW": "1"})
        pid = int((ws.root / "pid.txt").read_text())
    assert res.status == "timeout"
    assert time.monotonic() - start < 15
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


@pytest.mark.slow
def test_cancel_kills_a_warm_run(sandbox: LocalSandbox, probe_snapshot: Snapshot) -> None:
    results = []
    with sandbox.workspace(probe_snapshot) as ws:
        worker = threading.Thread(target=lambda: results.append(ws.run(
            [sys.executable, "-m", "pytest", "-q", "tests/test_x.py::test_slow"],
            timeout=60, env={"SLOW": "1"})))
        worker.start()
        deadline = time.monotonic() + 20
        while not (ws.root / "pid.txt").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        sandbox.cancel()
        worker.join(timeout=20)
    assert results and results[0].status == "killed"


def test_only_an_interpreter_given_by_its_path_running_plain_pytest_goes_warm() -> None:
    assert accepts([sys.executable, "-m", "pytest", "-x"], None)
    assert accepts(["/p/.venv/bin/python", "-m", "pytest"], {"SLOW": "1"})
    assert accepts([sys.executable, "-m", "pytest"], {"PYTHONPATH": "/x"})  # the child sets it
    assert not accepts(["python3", "-m", "pytest"], None)
    assert not accepts([sys.executable, "-m", "pytest"], {"PYTEST_PLUGINS": "x"})
    assert not accepts([sys.executable, "check.py"], None)


@pytest.mark.slow
def test_a_warm_run_puts_pythonpath_where_a_fresh_interpreter_would(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "tests").mkdir(parents=True)
    (project / "src" / "lib").mkdir(parents=True)
    (project / "src" / "lib" / "__init__.py").write_text("WHERE = 'workspace'\n")
    (project / "tests" / "test_path.py").write_text(
        "import os, sys\nimport lib\n\n"
        "def test_path():\n"
        "    assert lib.WHERE == 'workspace'\n"
        "    here = sys.path.index(os.getcwd())\n"
        "    assert sys.path.index(os.environ['PYTHONPATH']) == here + 1\n", encoding="utf-8")
    snapshot = Snapshot.take(project, tmp_path / "snapshot")
    command = TestCommand.parse(None, sys.executable, ("src",))
    for warm in (True, False):
        sandbox = LocalSandbox(tmp_path / f"sb-{warm}", warm=warm)
        try:
            with sandbox.workspace(snapshot) as ws:
                run = run_tests(ws, command, timeout=60)
            assert (sandbox.runner.warm_server is not None) == warm
        finally:
            sandbox.close()
        assert run.status == "ok", run.detail
        assert run.passing_ids == ("tests/test_path.py::test_path",), run.output[-2000:]


@pytest.mark.slow
def test_a_warm_run_sees_the_same_sys_path_and_modules_as_a_fresh_one(tmp_path: Path) -> None:
    """Nothing of the server (its own folder, the warm-up probe) leaks into a run."""
    project = tmp_path / "project"
    (project / "tests").mkdir(parents=True)
    (project / "tests" / "test_path.py").write_text(
        "import sys\n\n"
        "def test_path():\n"
        "    assert not any('sandbox' in p or 'homeostasis-warm-' in p for p in sys.path)\n"
        "    assert not any('warm_up_probe' in m for m in sys.modules)\n"
        "    assert 'homeostasis' not in sys.modules\n", encoding="utf-8")
    snapshot = Snapshot.take(project, tmp_path / "snapshot")
    sandbox = LocalSandbox(tmp_path / "sb")  # not the shared fixture: its folder says "sandbox"
    try:
        assert outcomes(sandbox, snapshot) == {"tests/test_path.py::test_path": "passed"}
        assert sandbox.runner.warm_server is not None
    finally:
        sandbox.close()


@pytest.mark.slow
def test_a_warm_run_is_rooted_in_its_workspace_and_honours_its_own_plugin_flags(
    sandbox: LocalSandbox, tmp_path: Path
) -> None:
    """The server prepares pytest's configuration ahead per set of ``-p`` flags; each run
    still starts in its own workspace, and a run that disables a plugin gets it disabled."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "calc.py").write_text(
        'def double(x):\n    """\n    >>> double(2)\n    5\n    """\n    return 2 * x\n')
    snapshot = Snapshot.take(project, tmp_path / "snapshot")
    pytest_cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"]
    for _ in range(2):  # the second run starts from the configuration the first left
        with sandbox.workspace(snapshot) as ws:
            doctests = ws.run([*pytest_cmd, "--doctest-modules"], timeout=60)  # from cwd
            disabled = ws.run([*pytest_cmd, "-p", "no:doctest", "--doctest-modules",
                               "calc.py"], timeout=60)
            root = ws.root
        assert sandbox.runner.warm_server is not None
        assert f"rootdir: {root}" in doctests.output
        assert doctests.returncode == 1 and "1 failed" in doctests.output
        assert disabled.returncode == 4  # usage error: the option no longer exists
        assert "--doctest-modules" in disabled.output


WRAPPED_FIXTURE = """
import functools

import pytest


def logged(function):
    @functools.wraps(function)
    def inner(*args, **kwargs):
        return function(*args, **kwargs)
    return inner


@logged
@pytest.fixture
def value():
    return 1


def test_nothing():
    pass
"""


@pytest.mark.slow
def test_a_warm_run_still_warns_of_a_fixture_hidden_behind_a_decorator(tmp_path: Path) -> None:
    """The server skips pytest's check for hidden fixtures on the objects its warm-up already
    checked (its plugins); the project's own objects are checked in every run."""
    import _pytest.fixtures

    if not hasattr(_pytest.fixtures.FixtureManager, "_check_for_wrapped_fixture"):
        pytest.skip("this pytest does not check for fixtures hidden behind decorators")
    project = tmp_path / "project"
    (project / "tests").mkdir(parents=True)
    (project / "tests" / "test_w.py").write_text(WRAPPED_FIXTURE, encoding="utf-8")
    snapshot = Snapshot.take(project, tmp_path / "snapshot")
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"]
    warm, fresh = LocalSandbox(tmp_path / "warm"), LocalSandbox(tmp_path / "fresh", warm=False)
    try:
        outputs = []
        for sandbox in (warm, warm, fresh):  # the second warm run forks from the same server
            with sandbox.workspace(snapshot) as ws:
                outputs.append(ws.run(command, timeout=60).output)
        assert warm.runner.warm_server is not None
    finally:
        warm.close()
        fresh.close()
    for output in outputs:
        assert "cannot discover fixture 'value' due to being wrapped in decorators" in output
