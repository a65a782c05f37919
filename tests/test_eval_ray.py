"""``homeostasis eval --executor ray`` through a real local Ray (started by the eval or by the
test, 2 CPUs, loopback only): the same outcomes as the process pool, a cluster given by
address, a worker killed mid-instance, a killed driver resumed, Ctrl-C, and Ray missing."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from eval_cases import CLAMP, CLAMP_F2P, CLAMP_P2P, CLAMP_TESTS, make_case, write_jsonl
from helpers import alive, clean_env, cli_argv, run_cli
from homeostasis.evals.results import EvalResult, read_results

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

HIDDEN_HIGH_END = ("from calc.ops import in_range\n\ndef test_high_end():\n"
                   "    assert in_range(10, 0, 10)\n    assert not in_range(11, 0, 10)\n")
SLOW_TESTS = CLAMP_TESTS + ("\n\ndef test_slowly():\n    import time\n    time.sleep(2)\n")


def _instances(base: Path, n: int = 3, tests: str = CLAMP_TESTS) -> Path:
    """``n`` small instances: one with hidden tests (correct when fixed), one without
    (plausible), and copies."""
    cases = [make_case(base, f"case-{i}", CLAMP, tests, HIDDEN_HIGH_END if i % 2 == 0 else None,
                       CLAMP_F2P, CLAMP_P2P + (["tests/test_ops.py::test_slowly"]
                                               if tests is SLOW_TESTS else []))
             for i in range(n)]
    return write_jsonl(base / "instances.jsonl", cases)


def _env(mark: str, **more: str) -> dict[str, str]:
    """The eval's environment: marked, so every process it starts (Ray's included, which
    inherit it) can be found; loopback-only Ray; Ray's token authentication with a token of
    the test's own (not one left in ~/.ray); no cluster address from outside."""
    env = clean_env({"HOMEOSTASIS_TEST_MARK": mark, "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0",
                     "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": mark * 2, **more})
    env.pop("RAY_ADDRESS", None)
    return env


def _marked(mark: str) -> list[int]:
    """The live processes whose environment holds ``mark``."""
    found = []
    needle = f"HOMEOSTASIS_TEST_MARK={mark}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle in (entry / "environ").read_bytes() and alive(int(entry.name)):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _gone(mark: str, within: float = 30.0) -> list[int]:
    """The marked processes still alive after waiting up to ``within`` seconds for them."""
    deadline = time.monotonic() + within
    while (left := _marked(mark)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def _workers_of(mark: str) -> list[int]:
    """The eval worker processes (one per instance being repaired) of the marked eval."""
    found = []
    for pid in _marked(mark):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"homeostasis.evals.worker" in argv:
            found.append(pid)
    return found


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _outcomes(results: list[EvalResult]) -> dict[str, tuple[str, str]]:
    return {r.instance_id: (r.status, r.diff) for r in results}


@pytest.fixture
def mark() -> Iterator[str]:
    """A mark for this test's processes; any left at the end are killed (and fail it)."""
    value = uuid.uuid4().hex
    yield value
    left = _gone(value, within=5.0)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"processes left running: {left}"


def test_ray_gives_the_same_outcomes_as_the_process_pool(tmp_path: Path, mark: str) -> None:
    jsonl = _instances(tmp_path)
    pool = run_cli("eval", jsonl, "--out", tmp_path / "pool", "--workers", "2",
                   env=_env(mark), timeout=300)
    assert pool.returncode == 0, pool.stderr
    ray = run_cli("eval", jsonl, "--out", tmp_path / "ray", "--executor", "ray",
                  "--workers", "2", env=_env(mark), timeout=300)
    assert ray.returncode == 0, ray.stdout + ray.stderr
    assert "on a local Ray with 2 CPU(s)" in ray.stdout

    by_pool = read_results(tmp_path / "pool" / "results.jsonl")
    by_ray = read_results(tmp_path / "ray" / "results.jsonl")
    assert _outcomes(by_ray) == _outcomes(by_pool)
    assert {s for s, _ in _outcomes(by_ray).values()} == {"correct", "plausible"}
    # The records came back from the task: the run's own files, where the result says.
    for result in by_ray:
        assert Path(result.run_dir) == tmp_path / "ray" / "runs" / result.instance_id
        assert (Path(result.run_dir) / "trials.jsonl").is_file()
    # The same summary, in form and in numbers of each outcome.
    pool_table = (tmp_path / "pool" / "summary.md").read_text().split("| measure")[0]
    assert (tmp_path / "ray" / "summary.md").read_text().split("| measure")[0] == pool_table
    predictions = [json.loads(line) for line in
                   (tmp_path / "ray" / "predictions.jsonl").read_text().splitlines()]
    assert sorted(p["instance_id"] for p in predictions) == ["case-0", "case-1", "case-2"]
    assert all(p["model_name_or_path"] == "homeostasis/templates" for p in predictions)
    assert all("+    return low <= x <= high" in p["model_patch"] for p in predictions)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_an_eval_runs_on_the_ray_cluster_at_an_address(tmp_path: Path, mark: str) -> None:
    port = _free_port()
    ray_cli = Path(sys.executable).with_name("ray")
    log = (tmp_path / "ray-head.log").open("wb")
    head = subprocess.Popen(
        [str(ray_cli), "start", "--head", "--block", "--node-ip-address=127.0.0.1",
         f"--port={port}", "--num-cpus=2", "--include-dashboard=false", "--disable-usage-stats"],
        env=_env(mark), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)
    try:
        done = run_cli("eval", _instances(tmp_path, 2), "--out", tmp_path / "out",
                       "--executor", "ray", "--address", f"127.0.0.1:{port}",
                       env=_env(mark), timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        assert f"on Ray at 127.0.0.1:{port}" in done.stdout
        results = read_results(tmp_path / "out" / "results.jsonl")
        assert sorted((r.instance_id, r.status) for r in results) == [
            ("case-0", "correct"), ("case-1", "plausible")]
        assert head.poll() is None, "the eval stopped the cluster it was given"
    finally:
        head.send_signal(signal.SIGTERM)  # `ray start --block` stops what it started
        try:
            head.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(head.pid, signal.SIGKILL)
            head.wait()
        log.close()


@contextlib.contextmanager
def _eval_running(jsonl: Path, out: Path, mark: str) -> Iterator[subprocess.Popen[str]]:
    """``homeostasis eval --executor ray`` started on ``jsonl``; killed if still running when
    the block ends."""
    proc = subprocess.Popen(
        cli_argv("eval", jsonl, "--out", out, "--executor", "ray", "--workers", "2"),
        env=_env(mark), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def _wait_for(what: str, check: object, within: float = 120.0) -> object:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        found = check() if callable(check) else None
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"never saw {what}")


def test_a_killed_workers_instance_is_retried_and_recorded_once(tmp_path: Path,
                                                                mark: str) -> None:
    jsonl = _instances(tmp_path, 2, SLOW_TESTS)
    with _eval_running(jsonl, tmp_path / "out", mark) as proc:
        worker = _wait_for("an instance's worker process", lambda: _workers_of(mark))
        assert isinstance(worker, list)
        ray_worker = _parent(worker[0])
        assert ray_worker != proc.pid  # the task's process on the node, not the driver
        os.kill(ray_worker, signal.SIGKILL)
        output, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0, output
    assert not alive(worker[0]), "the killed task's worker process ran on alone"
    lines = (tmp_path / "out" / "results.jsonl").read_text().splitlines()
    ids = [json.loads(line)["instance_id"] for line in lines]
    assert sorted(ids) == ["case-0", "case-1"]  # each once: the retry's result only
    statuses = {r.instance_id: r.status for r in read_results(tmp_path / "out" / "results.jsonl")}
    assert statuses == {"case-0": "correct", "case-1": "plausible"}, output


def test_resume_after_the_driver_is_killed(tmp_path: Path, mark: str) -> None:
    jsonl = _instances(tmp_path, 4, SLOW_TESTS)
    out = tmp_path / "out"
    results = out / "results.jsonl"
    with _eval_running(jsonl, out, mark) as proc:
        _wait_for("a first result",
                  lambda: results.is_file() and results.read_text().count("\n"))
        proc.kill()  # SIGKILL: nothing of the driver's own clean-up runs
    before = read_results(results)
    assert 1 <= len(before) < 4
    assert not _gone(mark), "the killed driver's Ray and workers were left running"

    done = run_cli("eval", jsonl, "--out", out, "--executor", "ray", "--workers", "2",
                   "--resume", env=_env(mark), timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    after = read_results(results)
    assert sorted(r.instance_id for r in after) == [f"case-{i}" for i in range(4)]
    assert after[: len(before)] == before
    predictions = [json.loads(line)["instance_id"]
                   for line in (out / "predictions.jsonl").read_text().splitlines()]
    assert sorted(predictions) == [f"case-{i}" for i in range(4)]


def test_ctrl_c_cancels_the_tasks_and_leaves_nothing_running(tmp_path: Path,
                                                             mark: str) -> None:
    jsonl = _instances(tmp_path, 4, SLOW_TESTS)
    with _eval_running(jsonl, tmp_path / "out", mark) as proc:
        _wait_for("an instance's worker process", lambda: _workers_of(mark))
        proc.send_signal(signal.SIGINT)
        output, _ = proc.communicate(timeout=120)
    assert proc.returncode == 130, output
    assert "Traceback" not in output
    assert not _gone(mark), "Ray or an instance's worker was left running after Ctrl-C"
    assert len(read_results(tmp_path / "out" / "results.jsonl")) < 4


def test_without_ray_the_option_says_how_to_install_it(tmp_path: Path) -> None:
    blocker = tmp_path / "no_ray"
    blocker.mkdir()
    (blocker / "ray.py").write_text("raise ImportError('No module named ray')\n")
    done = run_cli("eval", _instances(tmp_path, 1), "--out", tmp_path / "out",
                   "--executor", "ray", env={"PYTHONPATH": str(blocker)})
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        "homeostasis: error: --executor ray needs Ray, which is not installed (pip install "
        "'ray>=2.40', or Homeostasis with its [ray] extra)"]
    assert not (tmp_path / "out" / "results.jsonl").exists()
