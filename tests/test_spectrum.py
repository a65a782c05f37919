"""Per-test line spectra under interpreters other than Homeostasis' own: the standalone plugin
run by a Python that has pytest but no coverage, its JSON read back into a spectrum, whole
``fix`` runs with such an interpreter in the local and the Docker sandbox, and the one line
that says why when the spectrum cannot be measured."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from docker_support import docker_or_skip
from helpers import COUNTSORT, make_venv, only_run, read_json, run_cli, write_files
from homeostasis.core.config import Settings
from homeostasis.core.records import Failure, Frame, TestResult, TestRun
from homeostasis.tools.diagnose.diagnosis import diagnose
from homeostasis.tools.diagnose.sbfl import (
    PLUGIN_ARGS,
    PLUGIN_MODULE,
    SpectrumError,
    plugin_source,
    read_spectrum,
    spectrum_env,
)
from homeostasis.tools.observe.runner import TestCommand, run_tests
from homeostasis.tools.sandbox.snapshot import Snapshot

TEST = "tests/test_countsort.py::test_count_sort"
FAILING = {f"{TEST}[values1-3-expected1]", f"{TEST}[values2-5-expected2]"}
PASSING = {f"{TEST}[values0-3-expected0]"}
FIX = ("-    for i, c in enumerate(values):", "+    for i, c in enumerate(counts):")

def python_without_coverage(base: str, where: Path) -> Path:
    """A virtual environment of the interpreter ``base`` with pytest and nothing else
    (``helpers.make_venv``); its ``python``."""
    return make_venv(where / "venv", base=base)


def newer_python() -> str | None:
    """A Python 3.12+ on PATH (one with ``sys.monitoring``), if there is one that runs."""
    for name in ("python3.14", "python3.13", "python3.12"):
        found = shutil.which(name)
        if found and subprocess.run([found, "-c", "import sys; sys.monitoring"],
                                    capture_output=True, timeout=30).returncode == 0:
            return found
    return None


@pytest.fixture(scope="module")
def plain_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Homeostasis' base interpreter in an environment with pytest but not coverage."""
    return python_without_coverage(sys._base_executable, tmp_path_factory.mktemp("plain"))


@pytest.fixture(scope="module", params=["this version", "3.12+"])
def any_python(request: pytest.FixtureRequest, plain_python: Path,
               tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``plain_python``, then the same made of a Python 3.12+ (``sys.monitoring``) when one
    is on PATH."""
    if request.param == "this version":
        return plain_python
    newer = newer_python()
    if newer is None:
        pytest.skip("no Python 3.12+ on PATH")
    return python_without_coverage(newer, tmp_path_factory.mktemp("newer"))


def run_with_plugin(python: Path, project: Path, tmp: Path) -> dict[str, Any]:
    """Run ``python -m pytest`` in ``project`` with the plugin loaded; its JSON output."""
    plugin_dir, out = tmp / "plugin", tmp / "out" / "spectrum.json"
    plugin_dir.mkdir()
    (plugin_dir / f"{PLUGIN_MODULE}.py").write_text(plugin_source(), encoding="utf-8")
    env = {**os.environ, **spectrum_env(out, project, plugin_dir)}
    done = subprocess.run([python, "-m", "pytest", "-p", "no:cacheprovider", *PLUGIN_ARGS],
                          cwd=project, env=env, capture_output=True, text=True, timeout=120)
    assert out.is_file(), done.stdout + done.stderr
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def test_the_plain_interpreter_has_pytest_but_no_coverage(plain_python: Path) -> None:
    assert subprocess.run([plain_python, "-c", "import pytest"]).returncode == 0
    missing = subprocess.run([plain_python, "-c", "import coverage"], capture_output=True,
                             text=True)
    assert "No module named 'coverage'" in missing.stderr


# ── reading the plugin's output ──────────────────────────────────────────────────────────────


def test_read_spectrum_keeps_project_code_with_root_relative_paths(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    data = {"python": "3.11.7", "tests": {
        "t.py::a": {f"{root}/pkg/m.py": [3, 4], f"{root}/tests/test_m.py": [9],
                    "/usr/lib/python3/json/decoder.py": [1], f"{root}/.venv/x.py": [2]},
        "t.py::b": {f"{root}/pkg/m.py": [4], "pkg/rel.py": [1]},
        "t.py::c": {},
    }}
    spectrum = read_spectrum(json.dumps(data).encode(), root)
    assert spectrum == {("pkg/m.py", 3): {"t.py::a"}, ("pkg/m.py", 4): {"t.py::a", "t.py::b"},
                        ("pkg/rel.py", 1): {"t.py::b"}}


@pytest.mark.parametrize("data", [b"", b"{not json", b"[]", b'{"python": "3.8"}',
                                  b'{"tests": {"t": {"m.py": ["x"]}}}'])
def test_read_spectrum_says_what_it_cannot_read(data: bytes, tmp_path: Path) -> None:
    with pytest.raises(SpectrumError, match="the plugin's output is unreadable"):
        read_spectrum(data, tmp_path)


def test_spectrum_env_names_only_the_sandbox_side_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", "/opt/host-lib")  # the host's own: not for the sandbox
    env = spectrum_env(tmp_path / "out.json", tmp_path / "ws", tmp_path / "plug")
    assert env == {"HOMEOSTASIS_SPECTRUM_OUT": str(tmp_path / "out.json"),
                   "HOMEOSTASIS_SPECTRUM_ROOT": str(tmp_path / "ws"),
                   "PYTHONPATH": str(tmp_path / "plug")}
    assert PLUGIN_ARGS == ("-p", PLUGIN_MODULE)


# ── the plugin under another interpreter ─────────────────────────────────────────────────────


@pytest.mark.slow
def test_the_plugin_records_each_tests_lines_under_an_interpreter_without_coverage(
    any_python: Path, tmp_path: Path
) -> None:
    project = write_files(tmp_path / "countsort", COUNTSORT, dedent=True)
    data = run_with_plugin(any_python, project, tmp_path)
    newer = data["python"].split()[0] >= "3.12"
    assert data["tracer"] == ("sys.monitoring" if newer else "settrace")
    assert set(data["tests"]) == FAILING | PASSING
    spectrum = read_spectrum(json.dumps(data).encode(), project)
    assert {path for path, _ in spectrum} == {"countsort.py"}  # the test file is left out
    assert spectrum[("countsort.py", 7)] == FAILING  # the empty input never loops
    assert spectrum[("countsort.py", 6)] == FAILING | PASSING
    assert ("countsort.py", 1) not in spectrum  # run at import time, outside any test


@pytest.mark.slow
def test_the_plugin_records_lines_run_in_threads_the_test_starts(
    any_python: Path, tmp_path: Path
) -> None:
    project = write_files(tmp_path / "threads", {
        "pytest.ini": "[pytest]\npythonpath = .\n",
        "work.py": "def work(out):\n    out.append(1)\n",
        "test_work.py": """\
            import threading

            from work import work

            def test_in_a_thread():
                out = []
                thread = threading.Thread(target=work, args=(out,))
                thread.start()
                thread.join()
                assert out == [1]
            """,
    }, dedent=True)
    data = run_with_plugin(any_python, project, tmp_path)
    spectrum = read_spectrum(json.dumps(data).encode(), project)
    assert spectrum == {("work.py", 2): {"test_work.py::test_in_a_thread"}}


# ── whole runs ───────────────────────────────────────────────────────────────────────────────


class Said:
    """The lines a stage tells the user (the terminal's seam)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def say(self, text: str = "") -> None:
        self.lines.append(text)

    def stage(self, text: str) -> None:
        self.lines.append(f"▸ {text}")


CALC_FAILURE = Failure("tests/test_ops.py::test_add", "AssertionError", "assert -1 == 5", (
    Frame("tests/test_ops.py", 4, "test_add", True, True, "assert add(2, 3) == 5"),))
CALC_RUN = TestRun("ok", (TestResult("tests/test_ops.py::test_add", "failed"),
                          TestResult("tests/test_ops.py::test_sub", "passed")), (CALC_FAILURE,))


@pytest.mark.parametrize(("argv", "sbfl", "said"), [
    (("make", "test"), "always", [
        "  per-test coverage could not be measured: the test command is not pytest (make "
        "test); using the functions the failing tests call"]),
    (("python", "-m", "pytest"), "never", []),  # not asked for: nothing to say
])
def test_without_a_spectrum_the_functions_the_failing_tests_call_are_suspects(
    argv: tuple[str, ...], sbfl: str, said: list[str], snapshot: Snapshot
) -> None:
    progress = Said()
    nowhere: Any = None  # neither case runs anything in a sandbox
    suspects, context = diagnose(nowhere, snapshot, TestCommand(argv), CALC_RUN,
                                 Settings(sbfl=sbfl), progress)
    assert progress.lines == said
    assert [(s.path, s.line, s.function) for s in suspects] == [("calc/ops.py", 2, "add")]
    assert suspects[0].reason.startswith("called by failing test tests/test_ops.py::test_add,")
    assert any(snip.path == "calc/ops.py" for snip in context.snippets)


def test_a_failure_inside_project_code_keeps_its_traceback_suspects(snapshot: Snapshot) -> None:
    raised = Failure("tests/test_ops.py::test_add", "TypeError", "bad", (
        *CALC_FAILURE.frames, Frame("calc/ops.py", 2, "add", True, False, "return a - b")))
    progress = Said()
    nowhere: Any = None
    suspects, _ = diagnose(nowhere, snapshot, TestCommand(("make", "test")),
                           replace(CALC_RUN, failures=(raised,)), Settings(sbfl="always"),
                           progress)
    assert [(s.path, s.line, s.source) for s in suspects] == [("calc/ops.py", 2, "traceback")]
    assert progress.lines[-1].endswith("(make test); using tracebacks only")


@pytest.mark.e2e
def test_fix_finds_the_fault_when_another_interpreter_runs_the_tests(
    plain_python: Path, tmp_path: Path
) -> None:
    project = write_files(tmp_path / "countsort", COUNTSORT, dedent=True)
    done = run_cli("fix", project, "--dry-run", "--enough", "1", "--test",
                   f"{shlex.quote(str(plain_python))} -m pytest")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "could not be measured" not in done.stdout
    assert all(line in done.stdout.splitlines() for line in (f"   {FIX[0]}", f"   {FIX[1]}"))
    top = read_json(only_run(project) / "suspects.json")[0]
    assert (top["path"], top["source"]) == ("countsort.py", "sbfl")
    assert top["reason"].startswith("covered by 2/2 failing and 0/1 passing tests")


@pytest.mark.e2e
def test_a_plugin_that_cannot_load_is_said_in_one_line_and_the_called_functions_stand_in(
    plain_python: Path, tmp_path: Path
) -> None:
    # a wrapper that clears PYTHONPATH, as some do, leaves the plugin unimportable
    project = write_files(tmp_path / "countsort", {
        **COUNTSORT,
        "bin/pytest": f'#!/bin/sh\nunset PYTHONPATH\nexec {plain_python} -m pytest "$@"\n',
    }, dedent=True)
    (project / "bin" / "pytest").chmod(0o755)
    done = run_cli("fix", project, "--dry-run", "--enough", "1", "--test", "bin/pytest")
    assert done.returncode == 0, done.stdout + done.stderr
    said = [ln for ln in done.stdout.splitlines() if "could not be measured" in ln]
    assert said == [
        "  per-test coverage could not be measured: bin/pytest could not load the plugin "
        f"(ERROR: Error importing plugin \"{PLUGIN_MODULE}\": No module named "
        f"'{PLUGIN_MODULE}'); using the functions the failing tests call"]
    # the per-test deadline plugin cannot load either: the suite deadline stands in
    assert "Per-test deadlines are off: `bin/pytest` cannot import their plugin" in done.stdout
    assert all(line in done.stdout.splitlines() for line in (f"   {FIX[0]}", f"   {FIX[1]}"))
    suspects = read_json(only_run(project) / "suspects.json")
    assert {s["path"] for s in suspects} == {"countsort.py"}
    assert suspects[0]["reason"].startswith(f"called by failing test {min(FAILING)} and 1 more")


# ── Docker ───────────────────────────────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    client = docker_or_skip()
    yield client
    client.close()


@pytest.mark.docker
def test_docker_measures_under_the_images_python(client: Any, tmp_path: Path) -> None:
    from homeostasis.tools.sandbox.docker.sandbox import DockerSandbox

    project = write_files(tmp_path / "countsort", COUNTSORT, dedent=True)
    snapshot = Snapshot.take(project, tmp_path / "snapshot")
    command = TestCommand(("python", "-m", "pytest"))
    sandbox = DockerSandbox(client=client, containers=1)
    try:
        with sandbox.workspace(snapshot) as ws:
            baseline = run_tests(ws, command, 120)
        assert set(baseline.failing_ids) == FAILING, baseline.output
        said = Said()
        suspects, _ = diagnose(sandbox, snapshot, command, baseline, Settings(), said)
    finally:
        sandbox.close()
    assert not [ln for ln in said.lines if "could not be measured" in ln]
    assert {(s.path, s.line) for s in suspects if s.score == 1.0} == {("countsort.py", 4),
                                                                     ("countsort.py", 7)}


@pytest.mark.e2e
@pytest.mark.docker
def test_fix_with_docker_under_the_images_python_which_has_no_coverage(
    client: Any, plain_python: Path, tmp_path: Path
) -> None:
    import docker.errors
    from homeostasis.tools.sandbox.docker.image import default_tag
    from homeostasis.tools.sandbox.docker.layout import PYTHON

    with pytest.raises(docker.errors.ContainerError, match=r"No module named .*coverage"):
        client.containers.run(default_tag(), [PYTHON, "-c", "import coverage"],
                              network_disabled=True, remove=True)
    project = write_files(tmp_path / "countsort", COUNTSORT, dedent=True)
    # in a container the image's Python takes the place of the host's interpreter
    done = run_cli("fix", project, "--dry-run", "--enough", "1", "--sandbox", "docker",
                   "--test", f"{shlex.quote(str(plain_python))} -m pytest", timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "in the docker sandbox" in done.stdout
    assert "could not be measured" not in done.stdout
    assert all(line in done.stdout.splitlines() for line in (f"   {FIX[0]}", f"   {FIX[1]}"))
    top = read_json(only_run(project) / "suspects.json")[0]
    assert top["reason"].startswith("covered by 2/2 failing and 0/1 passing tests")
