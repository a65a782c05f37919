"""End to end: what a user sees when the input is bad or the run is cut short — one line on
stderr, no traceback, the documented exit code — and their files are never touched."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    TRACEBACK,
    alive,
    assert_clean_error,
    clean_env,
    cli_argv,
    copy_example,
    has_shipping_fix,
    only_run,
    processes_inside,
    read_json,
    run_cli,
    run_project_tests,
    tree_hashes,
    write_project,
)
from homeostasis.cli import main

pytestmark = pytest.mark.e2e

GREEN = {
    "calc/__init__.py": "",
    "calc/ops.py": "def add(a, b):\n    return a + b\n",
    "tests/test_ops.py": (
        "from calc.ops import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n"
    ),
}


def _read_marker(temp: Path, name: str) -> str:
    """What the :func:`_marker_test` ``name`` wrote in a sandbox under ``temp`` (or "")."""
    for marker in temp.glob(f"homeostasis-*/{name}-started"):
        with contextlib.suppress(OSError):
            return marker.read_text()
    return ""


def _marker_test(name: str, seconds: int) -> str:
    """A test that writes its pid and working directory to ``<name>-started`` in the sandbox's
    own folder (``ws-NNNN/project`` is its working directory; nothing outside that folder is
    writable to it), then sleeps."""
    return (
        "import os\nimport time\nfrom pathlib import Path\n\n\n"
        f"def {name}():\n"
        f"    marker = Path.cwd().parents[1] / '{name}-started'\n"
        f"    marker.write_text(f'{{os.getpid()}}\\n{{os.getcwd()}}')\n"
        f"    time.sleep({seconds})\n"
    )


def test_missing_path(tmp_path: Path) -> None:
    done = run_cli("fix", tmp_path / "nowhere")
    assert_clean_error(done, 1, "no such directory", "nowhere")
    assert not (tmp_path / "nowhere").exists()


def test_path_is_a_file(tmp_path: Path) -> None:
    project = copy_example("shipping", tmp_path)
    original = tree_hashes(project)
    done = run_cli("fix", project / "pyproject.toml", "--yes")
    assert_clean_error(done, 1, "not a directory")
    assert tree_hashes(project) == original
    assert not (project / ".homeostasis").exists()


def test_no_tests_collected(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {k: v for k, v in GREEN.items() if "test" not in k})
    original = tree_hashes(project)
    done = run_cli("fix", project, "--yes")
    assert_clean_error(done, 1, "no tests were collected")
    assert tree_hashes(project) == original


def test_all_tests_already_pass(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", GREEN)
    original = tree_hashes(project)
    done = run_cli("fix", project, "--yes")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""
    assert "nothing to fix" in done.stdout.lower()
    assert "1 tests pass" in done.stdout
    assert read_json(only_run(project) / "outcome.json")["status"] == "nothing_to_fix"
    assert tree_hashes(project) == original


def test_test_command_not_found(tmp_path: Path) -> None:
    project = copy_example("shipping", tmp_path)
    original = tree_hashes(project)
    done = run_cli("fix", project, "--yes", "--test", "nosuchcommand-e2e")
    assert_clean_error(done, 1, "not found", "nosuchcommand-e2e")
    assert tree_hashes(project) == original


@pytest.mark.parametrize("command", ["pytest 'unclosed", "   "])
def test_unreadable_test_command_is_a_usage_error(tmp_path: Path, command: str) -> None:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    done = run_cli("fix", tmp_path, "--test", command, "--dry-run")
    assert_clean_error(done, 2, "cannot read the test command", repr(command))
    assert "internal error" not in done.stderr
    assert not (tmp_path / ".homeostasis").exists()  # refused before any run record


def test_hanging_test_is_named(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {
        **GREEN, "tests/test_hang.py": _marker_test("test_hangs_forever", 120),
    })
    original = tree_hashes(project)
    temp = tmp_path / "tmp"  # the sandbox's folder is made in here
    temp.mkdir()
    start = time.monotonic()
    done = run_cli("fix", project, "--yes", "--timeout", "3", timeout=60,
                   env={"TMPDIR": str(temp)})
    assert time.monotonic() - start < 30
    assert_clean_error(done, 1, "3s", "tests/test_hang.py::test_hangs_forever")
    assert not processes_inside(temp), "the hanging pytest was left running"
    assert tree_hashes(project) == original


def test_latin1_source_with_cookie_is_fixed_in_latin1(tmp_path: Path) -> None:
    source = (
        '# -*- coding: latin-1 -*-\n"""Dishes of the day at the café."""\n\n'
        'DISHES = ("café crème", "thé glacé", "crêpe")\n\n\n'
        "def first_dish():\n    return DISHES[0]\n\n\n"
        "def last_dish():\n    return DISHES[len(DISHES)]\n"
    ).encode("latin-1")
    project = write_project(tmp_path / "p", {
        "menu/__init__.py": "",
        "menu/names.py": source,
        "tests/test_names.py": (
            "from menu.names import first_dish, last_dish\n\n\n"
            'def test_first():\n    assert first_dish() == "café crème"\n\n\n'
            'def test_last():\n    assert last_dish() == "crêpe"\n'
        ),
    })
    done = run_cli("fix", project, "--yes", "--jobs", "2", "--candidates", "5")
    assert done.returncode == 0, done.stdout + done.stderr
    # either correct fix of the index, and every other byte kept, in latin-1
    assert (project / "menu/names.py").read_bytes() in {
        source.replace(b"DISHES[len(DISHES)]", fixed)
        for fixed in (b"DISHES[len(DISHES) - 1]", b"DISHES[-1]")
    }
    assert run_project_tests(project).returncode == 0


def test_stray_undecodable_file_does_not_stop_the_run(tmp_path: Path) -> None:
    project = copy_example("shipping", tmp_path)
    stray = b"# old notes, never imported\nNAME = '\xe9t\xe9 \xff'\n"
    (project / "shipping/legacy_notes.py").write_bytes(stray)
    done = run_cli("fix", project, "--yes", "--jobs", "2", "--candidates", "5")
    assert done.returncode == 0, done.stdout + done.stderr
    assert TRACEBACK not in done.stdout + done.stderr
    assert has_shipping_fix((project / "shipping/routes.py").read_text(encoding="utf-8"))
    assert (project / "shipping/legacy_notes.py").read_bytes() == stray


@pytest.mark.parametrize(("signum", "code", "said"), [
    (signal.SIGINT, 130, "interrupted"),
    (signal.SIGTERM, 143, "stopped by SIGTERM"),
    (signal.SIGHUP, 129, "stopped by SIGHUP"),
], ids=["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_stops_the_run_and_cleans_up(
    tmp_path: Path, signum: signal.Signals, code: int, said: str
) -> None:
    # Ctrl-C, a supervisor's SIGTERM and a closed terminal's SIGHUP all end the run the same
    # way: a message, the shell's 128 + signal number, and nothing left behind.
    project = write_project(tmp_path / "p", {
        **GREEN, "tests/test_slow.py": _marker_test("test_slow", 120),
    })
    original = tree_hashes(project)
    temp = tmp_path / "tmp"  # the sandbox's folder is made in here
    temp.mkdir()
    proc = subprocess.Popen(
        cli_argv("fix", project, "--yes"), env=clean_env({"TMPDIR": str(temp)}),
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while "\n" not in (started := _read_marker(temp, "test_slow")):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the sandbox run never started"
            time.sleep(0.05)
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == code, out + err
    assert TRACEBACK not in out + err
    assert f"homeostasis: {said}; your files were not changed" in err
    pid_text, cwd = started.split("\n")
    sandbox = Path(cwd).parents[1]
    assert sandbox.name.startswith("homeostasis-"), cwd
    assert not alive(int(pid_text)), "the sandboxed pytest was left running"
    assert not processes_inside(sandbox)
    assert not sandbox.exists(), f"{sandbox} was left behind"
    assert not list(temp.glob("homeostasis-*")), "temp folders were left behind"
    assert tree_hashes(project) == original


def test_unknown_config_key_is_a_usage_error(tmp_path: Path) -> None:
    project = copy_example("shipping", tmp_path)
    with (project / "pyproject.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n[tool.homeostasis]\ncandidatez = 5\n")
    original = tree_hashes(project)
    done = run_cli("fix", project, "--yes")
    assert_clean_error(done, 2, "unknown key", "candidatez")
    assert tree_hashes(project) == original


def test_ctrl_c_during_the_write_of_a_fix_says_and_records_what_the_files_hold(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C while ``--yes`` writes the fix: the write completes (interrupts wait for it),
    then the run stops with 130, says the fix stays applied, records it as applied, and its
    one JSON result says so too."""
    for name in ("PYTEST_ADDOPTS", "PYTEST_PLUGINS"):
        monkeypatch.delenv(name, raising=False)
    project = copy_example("shipping", tmp_path)
    original = tree_hashes(project)
    target = project / "shipping" / "routes.py"
    real_replace = os.replace

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if Path(dst) == target and not pressed:  # the file system is where the fix lands
            pressed.append(True)
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, while the fix is being written
        real_replace(src, dst, *args, **kwargs)

    pressed: list[bool] = []
    monkeypatch.setattr(os, "replace", replace)
    code = main(["fix", str(project), "--yes", "--json", "--candidates", "5"])
    out, err = capsys.readouterr()
    assert pressed and code == 130, err
    assert has_shipping_fix(target.read_text(encoding="utf-8"))
    assert {p for p, h in tree_hashes(project).items() if original[p] != h} == {
        "shipping/routes.py"}
    run = only_run(project)
    outcome = read_json(run / "outcome.json")
    assert outcome["status"] == "applied" and outcome["files"] == ["shipping/routes.py"]
    said = err.strip().splitlines()[-1]
    assert said == (f"homeostasis: interrupted; the fix {outcome['candidate_id']} stays "
                    "applied (shipping/routes.py); homeostasis undo puts the old bytes back")
    result = json.loads(out)
    assert (result["exit_code"], result["run_id"]) == (130, run.name) and result["version"]
    assert result["outcome"]["status"] == "applied"
    monkeypatch.setattr(os, "replace", real_replace)
    assert main(["undo", str(project)]) == 0
    assert tree_hashes(project) == original


def test_a_stopped_run_with_json_still_prints_one_result(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {
        **GREEN, "tests/test_slow.py": _marker_test("test_slow", 120)})
    temp = tmp_path / "tmp"
    temp.mkdir()
    proc = subprocess.Popen(
        cli_argv("fix", project, "--json"), env=clean_env({"TMPDIR": str(temp)}),
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while "\n" not in _read_marker(temp, "test_slow"):
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 143, err
    result = json.loads(out)
    assert (result["command"], result["exit_code"], result["format"]) == ("fix", 143, 1)
    assert result["version"] and result["error"] == "stopped by SIGTERM"
    assert result["outcome"] is None and result["run_id"] == only_run(project).name


BROKEN_MODEL = '''\
class Broken:
    """A model backend with a bug: it fails with an error no backend should raise."""

    name = "broken"

    def __init__(self, *args, **kwargs):
        pass

    def complete(self, request):
        raise RuntimeError("the backend has a bug")
'''


def test_an_internal_error_with_json_still_prints_one_result(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p", {
        **GREEN, "calc/ops.py": "def add(a, b):\n    return a - b\n"})
    plugins = write_project(tmp_path / "plugins", {"broken_model.py": BROKEN_MODEL})
    done = run_cli("fix", project, "--json", "--model", "broken_model.Broken", "--no-cascade",
                   env={"PYTHONPATH": str(plugins), "HOMEOSTASIS_CACHE": "0",
                        "HOMEOSTASIS_CACHE_DIR": str(tmp_path / "cache"),
                        "TMPDIR": str(tmp_path)})
    assert done.returncode == 70, done.stderr
    result = json.loads(done.stdout)
    assert result["exit_code"] == 70 and result["version"]
    assert result["error"] == "internal error: RuntimeError: the backend has a bug"
    assert Path(result["crash_log"]).read_text(encoding="utf-8").startswith(TRACEBACK)
    assert result["run_id"] == only_run(project).name and result["outcome"] is None
