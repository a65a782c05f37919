"""A warm pytest: one process that has already imported pytest forks a child per test run, so
a candidate does not pay for starting the interpreter and importing pytest again.

This file runs as a standalone script (it imports nothing from Homeostasis, so the project's
tests never see Homeostasis' modules). Protocol, one JSON object per line:

    stdin   {"id": 1, "args": [...], "cwd": "...", "env": {...}, "out": "path",
             "join_cgroup": "path" or null}
    stdout  {"id": 1, "pid": 4242}             the child started (its own session and group)
            {"id": 1, "returncode": 1}         the child ended

The child runs ``pytest.main(args)`` in ``cwd`` with exactly ``env`` as its environment and
``cwd`` first on ``sys.path`` (as ``python -m pytest`` would), its output going to ``out``, in
the pids cgroup the sandbox made for the run (if any: "0" written into ``join_cgroup``). The
server itself was started through
``isolate.py``: every child inherits its namespaces and limits.
The server is single-threaded (forking a threaded process is unsafe) and exits at stdin EOF.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import os
import pathlib
import select
import signal
import sys
import tempfile
from collections.abc import Iterator

import _pytest.config
import _pytest.fixtures
import _pytest.junitxml
import _pytest.python
import _pytest.terminal
import pytest

_configs: dict[tuple[str, ...], object] = {}


def _plugin_args(args: list[str]) -> tuple[str, ...]:
    """The ``-p`` values of ``args``: the only arguments pytest reads before it builds its
    plugin manager."""
    found = []
    for i, arg in enumerate(args):
        if arg == "-p" and i + 1 < len(args):
            found.append(args[i + 1])
        elif arg.startswith("-p") and len(arg) > 2:
            found.append(arg[2:])
    return tuple(found)


def _prepared_config(args: list[str]) -> object:
    """A pytest ``Config`` with the built-in plugins registered, built once per set of ``-p``
    arguments in the server, so a child does not build it again (each child changes only its
    own copy). None when this pytest does not allow it."""
    key = _plugin_args(args)
    if key not in _configs:
        try:
            _configs[key] = _pytest.config.get_config(args)
        except Exception:
            _configs[key] = None
    return _configs[key]


def _use_prepared(config: object, args: list[str], cwd: str) -> None:
    """In a child: make ``pytest.main`` start from ``config``, invoked with ``args`` in
    ``cwd`` exactly as a fresh ``get_config`` would have recorded it."""
    params = getattr(config, "invocation_params", None)
    if params is None:
        return
    config.invocation_params = type(params)(  # type: ignore[attr-defined]
        args=args, plugins=None, dir=pathlib.Path(cwd))
    _pytest.config.get_config = lambda *_a, **_k: config  # type: ignore[assignment]


def set_dumpable(on: bool) -> None:
    """``prctl(PR_SET_DUMPABLE)``. The server is not dumpable, so the project's code (the same
    user, without CAP_SYS_PTRACE) cannot trace it and alter later runs; each forked run is
    made dumpable again, as a freshly started process is. (processes.py has the same, for the
    host and the container's runner: this standalone file imports nothing of its own, so
    nothing of it reaches the project's test runs.)"""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(4, int(on), 0, 0, 0)  # 4: PR_SET_DUMPABLE


def _child(request: dict[str, object], wakeup: tuple[int, int], config: object) -> None:
    """In the forked child: become a session leader, set up, run pytest, exit."""
    set_dumpable(True)
    os.setsid()
    if request.get("join_cgroup"):
        with contextlib.suppress(OSError), open(str(request["join_cgroup"]), "w") as fh:
            fh.write("0")
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for fd in wakeup:
        os.close(fd)
    out = os.open(str(request["out"]), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.close(out)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    cwd = str(request["cwd"])
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update({str(k): str(v) for k, v in dict(request["env"]).items()})  # type: ignore[call-overload]
    # as a fresh interpreter would: cwd first, then PYTHONPATH, then what the server had
    sys.path[:1] = [cwd, *[p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]]
    args = [str(a) for a in request["args"]]  # type: ignore[attr-defined]
    sys.argv = ["pytest", *args]
    code = 3
    try:
        if config is not None:
            _use_prepared(config, args, cwd)
        code = int(pytest.main(args))
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _reply(message: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


_PROBE = "homeostasis_warm_up_probe_test"

#: The probe session runs with the flags Homeostasis' own runs use, on a project with a
#: ``pyproject.toml`` and a passing and a failing test, so the code paths a real run takes
#: (configuration files, assertion rewriting, tracebacks, JUnit XML) are set up once here. A
#: run with other flags is just as correct, only slower.
_PROBE_FLAGS = ("-p", "no:cacheprovider", "--tb=native", "-o", "junit_family=xunit1",
                "--continue-on-collection-errors", "-v", "-o", "console_output_style=classic")
_PROBE_TEST = """\
import pytest


def test_probe_passes():
    assert [1, 2] == [1, 2]


def test_probe_fails():
    assert {"a": 1} == {"a": 2}


@pytest.mark.parametrize("n", [1])
def test_probe_raises(n):
    raise ValueError(n)
"""


class _CheckedOnce:
    """pytest 9 looks at every attribute of every registered plugin, at the start of every
    session, for a fixture hidden behind another decorator (to warn about it): a fifth of a
    forked run's time. The plugins a server imported are the same objects in every run it
    forks, and its warm-up sessions looked at them already; a run looks again only at objects
    that are new to it, or that the warm-up found hiding a fixture (so their warning stands)."""

    def __init__(self) -> None:
        self.recording = False
        #: id → object: the object is kept alive, so its id cannot be reused by another one
        self.seen: dict[int, object] = {}

    def install(self) -> None:
        manager = _pytest.fixtures.FixtureManager
        check = getattr(manager, "_check_for_wrapped_fixture", None)
        find = getattr(manager, "_find_wrapped_fixture_def", None)
        if check is None or find is None or getattr(check, "checked_once", False):
            return  # a pytest without the check, or already installed

        def check_once(fixtures: object, name: str, obj: object) -> None:
            if self.seen.get(id(obj)) is obj:
                return
            check(fixtures, name, obj)
            if self.recording and find(fixtures, obj) in (None, obj):
                self.seen[id(obj)] = obj

        check_once.checked_once = True  # type: ignore[attr-defined]
        setattr(manager, "_check_for_wrapped_fixture", check_once)  # noqa: B010 (typed as a method)


_checked = _CheckedOnce()


def _warm_up() -> None:
    """Run throw-away pytest sessions in this process, so the lazy imports and one-time
    set-up of a first session are done once here instead of in every child. Output goes
    nowhere; nothing of the probe stays in ``sys.modules`` or on ``sys.path``."""
    _checked.install()
    _checked.recording = True
    saved = [os.dup(1), os.dup(2)]
    null = os.open(os.devnull, os.O_WRONLY)
    before = set(sys.modules)
    path = list(sys.path)
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="homeostasis-warm-") as tmp:
        with open(os.path.join(tmp, f"{_PROBE}.py"), "w", encoding="utf-8") as fh:
            fh.write(_PROBE_TEST)
        with open(os.path.join(tmp, "pyproject.toml"), "w", encoding="utf-8") as fh:
            fh.write("[tool.pytest.ini_options]\nmarkers = [\"probe\"]\n")
        try:
            os.dup2(null, 1)
            os.dup2(null, 2)
            os.chdir(tmp)
            for extra in ((), ("-x",)):
                pytest.main([*_PROBE_FLAGS, *extra, f"--junitxml={tmp}/junit.xml", tmp])
        finally:
            _checked.recording = False
            os.chdir(cwd)
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in (*saved, null):
                os.close(fd)
    for name in set(sys.modules) - before:
        if _PROBE in name:
            del sys.modules[name]
    sys.path[:] = path  # pytest put the probe's folder on it


def reaped() -> Iterator[tuple[int, int]]:
    """(pid, exit code) of every child that has ended, without waiting for the others."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        yield pid, os.waitstatus_to_exitcode(status)


def serve() -> None:
    set_dumpable(False)
    _warm_up()
    _prepared_config(list(_PROBE_FLAGS))
    # Everything imported so far is shared by every child and never garbage: keep it out of
    # the collector's sight, so the collections pytest runs at session end scan only what
    # the run itself made (and the pages stay shared after fork).
    gc.collect()
    gc.freeze()
    # A child's exit wakes the select below through this pipe (no polling).
    wakeup = os.pipe()
    for fd in wakeup:
        os.set_blocking(fd, False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.set_wakeup_fd(wakeup[1])
    children: dict[int, object] = {}
    buffered = b""
    stdin = sys.stdin.fileno()
    open_input = True
    while open_input or children:
        watched = [wakeup[0], stdin] if open_input else [wakeup[0]]
        try:
            ready, _, _ = select.select(watched, [], [], 1.0)
        except InterruptedError:
            ready = []
        if wakeup[0] in ready:
            with contextlib.suppress(BlockingIOError):
                os.read(wakeup[0], 4096)
        if stdin in ready:
            chunk = os.read(stdin, 65536)
            if not chunk:
                open_input = False
            buffered += chunk
            while b"\n" in buffered:
                line, buffered = buffered.split(b"\n", 1)
                request = json.loads(line)
                config = _prepared_config([str(a) for a in request["args"]])
                pid = os.fork()
                if pid == 0:
                    _child(request, wakeup, config)
                children[pid] = request["id"]
                _reply({"id": request["id"], "pid": pid})
        for pid, code in reaped() if children else ():
            request_id = children.pop(pid, None)
            if request_id is not None:
                _reply({"id": request_id, "returncode": code})


if __name__ == "__main__":
    serve()
