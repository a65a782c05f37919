"""A warm pytest: one process that has already imported pytest forks a child per test run, so
a candidate does not pay for starting the interpreter and importing pytest again.

This file runs as a standalone script (it imports nothing from Homeostasis, so the project's
tests never see Homeostasis' modules). Protocol, one JSON object per line:

    stdin   {"id": 1, "args": [...], "cwd": "...", "env": {...}, "out": "path"}
    stdout  {"id": 1, "pid": 4242}             the child started (its own session and group)
            {"id": 1, "returncode": 1}         the child ended

The child runs ``pytest.main(args)`` in ``cwd`` with exactly ``env`` as its environment and
``cwd`` first on ``sys.path`` (as ``python -m pytest`` would), its output going to ``out``.
The server is single-threaded (forking a threaded process is unsafe) and exits at stdin EOF.
"""

from __future__ import annotations

import gc
import json
import os
import select
import sys
import tempfile

import _pytest.config
import _pytest.junitxml
import _pytest.python
import _pytest.terminal  # noqa: F401
import pytest


def _child(request: dict[str, object]) -> None:
    """In the forked child: become a session leader, set up, run pytest, exit."""
    os.setsid()
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
    sys.path[0] = cwd
    sys.argv = ["pytest", *[str(a) for a in request["args"]]]  # type: ignore[attr-defined]
    code = 3
    try:
        code = int(pytest.main([str(a) for a in request["args"]]))  # type: ignore[attr-defined]
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _reply(message: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


_PROBE = "homeostasis_warm_up_probe_test"


def _warm_up() -> None:
    """Run one trivial pytest session in this process, so the lazy imports and one-time set-up
    of a first session are done once here instead of in every child. Output goes nowhere;
    nothing of the probe stays in ``sys.modules``."""
    saved = [os.dup(1), os.dup(2)]
    null = os.open(os.devnull, os.O_WRONLY)
    before = set(sys.modules)
    path = list(sys.path)
    with tempfile.TemporaryDirectory(prefix="homeostasis-warm-") as tmp:
        probe = os.path.join(tmp, f"{_PROBE}.py")
        with open(probe, "w", encoding="utf-8") as fh:
            fh.write("def test_probe():\n    assert True\n")
        try:
            os.dup2(null, 1)
            os.dup2(null, 2)
            pytest.main(["-q", "-p", "no:cacheprovider", f"--rootdir={tmp}", probe])
        finally:
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


def serve() -> None:
    _warm_up()
    # Everything imported so far is shared by every child and never garbage: keep it out of
    # the collector's sight, so the collections pytest runs at session end scan only what
    # the run itself made (and the pages stay shared after fork).
    gc.collect()
    gc.freeze()
    children: dict[int, object] = {}
    buffered = b""
    stdin = sys.stdin.fileno()
    open_input = True
    while open_input or children:
        wait = 0.005 if children else None
        ready, _, _ = select.select([stdin] if open_input else [], [], [], wait)
        if ready:
            chunk = os.read(stdin, 65536)
            if not chunk:
                open_input = False
            buffered += chunk
            while b"\n" in buffered:
                line, buffered = buffered.split(b"\n", 1)
                request = json.loads(line)
                pid = os.fork()
                if pid == 0:
                    _child(request)
                children[pid] = request["id"]
                _reply({"id": request["id"], "pid": pid})
        while children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            request_id = children.pop(pid, None)
            if request_id is not None:
                _reply({"id": request_id, "returncode": os.waitstatus_to_exitcode(status)})


if __name__ == "__main__":
    serve()
