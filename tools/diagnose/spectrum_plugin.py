"""A pytest plugin that records which test ran which line, for spectrum-based fault localisation.

STANDALONE: this module imports only the standard library and pytest, and keeps to syntax that
Python 3.7 reads, because it is written as ``homeostasis_spectrum.py`` (see
``homeostasis.tools.diagnose.sbfl``) to a folder on the ``PYTHONPATH`` of whatever interpreter
runs the project's tests, and loaded there with ``-p homeostasis_spectrum``. Nothing has to be
installed in that interpreter but pytest.

Environment variables it reads:

``HOMEOSTASIS_SPECTRUM_OUT``
    The JSON file to write. When unset the plugin does nothing.
``HOMEOSTASIS_SPECTRUM_ROOT``
    The project root: only ``.py`` files under it (outside ``site-packages``) are traced;
    defaults to the current folder.

Each test's setup, call and teardown record the lines of project files they run; lines run
outside any test (at import or collection time) are not kept, and tracing starts only at the
first test, so collection runs at full speed. Python 3.12+ is traced with
``sys.monitoring`` (a line reports once per test, then stays quiet until the next test starts),
older versions with ``sys.settrace`` (threads started through ``threading`` included). At the
end of the session the file holds ``{"python": sys.version, "executable": sys.executable,
"tracer": "sys.monitoring" | "settrace", "tests": {node id: {real path: [lines]}}}``, every test
that ran listed. Not meant for ``pytest-xdist`` runs (workers would share one output file).
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Callable, Generator
from typing import Any

import pytest

_OUT = "HOMEOSTASIS_SPECTRUM_OUT"
_ROOT = "HOMEOSTASIS_SPECTRUM_ROOT"
#: Folders under the root whose code is never the project's.
_NOT_PROJECT = ("site-packages", "dist-packages")
_THIS = os.path.realpath(os.path.splitext(__file__)[0] + ".py")
#: ``sys.monitoring`` tool ids to take, the ones no kind of tool is named for first (a
#: debugger or coverage.py may want 0 or 1).
_TOOL_IDS = (3, 4, 5, 2, 0, 1)

#: ``[0]`` is where the tracers put ``(co_filename, line)`` pairs now: the running test's set,
#: or a throw-away set between tests (a list, not a key of ``_state``: one lookup fewer a line).
_current: list[set[tuple[str, int]]] = [set()]
_state: dict[str, Any] = {}
#: ``co_filename`` → its real path when it is project code, else None.
_files: dict[str, str | None] = {}


def _project_file(filename: str) -> str | None:
    """The real path of the code object file ``filename`` when it is project code."""
    if filename in _files:
        return _files[filename]
    path = os.path.realpath(os.path.join(_state["cwd"], filename))
    root = _state["root"]
    inside = (path.endswith(".py") and path.startswith(root) and path != _THIS
              and not any(part in _NOT_PROJECT for part in path[len(root):].split(os.sep)))
    _files[filename] = path if inside else None
    return _files[filename]


def _line_tracer(frame: Any, event: str, arg: Any) -> Callable[..., Any]:
    if event == "line":
        _current[0].add((frame.f_code.co_filename, frame.f_lineno))
    return _line_tracer


def _call_tracer(frame: Any, event: str, arg: Any) -> Callable[..., Any] | None:
    filename = frame.f_code.co_filename
    try:  # called for every call in the process: the cache is asked first, inline
        path = _files[filename]
    except KeyError:
        path = _project_file(filename)
    return None if path is None else _line_tracer


def _start_settrace() -> Callable[[], None]:
    """Trace with ``sys.settrace``; returns what stops it."""
    threading.settrace(_call_tracer)
    sys.settrace(_call_tracer)

    def stop() -> None:
        sys.settrace(None)
        threading.settrace(None)

    return stop


def _start_monitoring() -> tuple[Callable[[], None], Callable[[], None]] | None:
    """Trace with ``sys.monitoring`` (Python 3.12+) under a free tool id; returns what stops
    it and what makes every line report again. None when it cannot be had."""
    mon: Any = getattr(sys, "monitoring", None)
    free = [i for i in _TOOL_IDS if mon is not None and mon.get_tool(i) is None]
    if not free:
        return None
    tool, events, traced = free[0], mon.events, set()

    def py_start(code: Any, offset: int) -> Any:
        if code not in traced and _project_file(code.co_filename) is not None:
            traced.add(code)
            mon.set_local_events(tool, code, events.LINE)
        return mon.DISABLE

    def line(code: Any, number: int) -> Any:
        _current[0].add((code.co_filename, number))
        return mon.DISABLE

    mon.use_tool_id(tool, "homeostasis_spectrum")
    mon.register_callback(tool, events.PY_START, py_start)
    mon.register_callback(tool, events.LINE, line)
    mon.set_events(tool, events.PY_START)

    def stop() -> None:
        mon.set_events(tool, 0)
        for code in traced:
            mon.set_local_events(tool, code, 0)
        mon.register_callback(tool, events.PY_START, None)
        mon.register_callback(tool, events.LINE, None)
        mon.free_tool_id(tool)

    return stop, mon.restart_events


def _start() -> None:
    monitoring = _start_monitoring()
    if monitoring:
        _state.update(tracer="sys.monitoring", stop=monitoring[0], restart=monitoring[1])
    else:
        _state.update(tracer="settrace", stop=_start_settrace(), restart=lambda: None)


def pytest_sessionstart(session: pytest.Session) -> None:
    out = os.environ.get(_OUT)
    if out and "out" not in _state:
        _state.update(out=out, cwd=os.getcwd(), tests={}, tracer=None,
                      root=os.path.join(os.path.realpath(os.environ.get(_ROOT) or "."), ""))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, Any, None]:
    if "out" in _state:
        if "stop" not in _state:
            _start()  # at the first test: collection, which runs no test, is not slowed
        _current[0] = _state["tests"].setdefault(item.nodeid, set())
        _state["restart"]()  # lines the last test ran (and so disabled) report again
    try:
        yield
    finally:
        _current[0] = set()


def pytest_sessionfinish(session: pytest.Session) -> None:
    if "out" not in _state:
        return
    _state.pop("stop", lambda: None)()
    tests: dict[str, dict[str, list[int]]] = {}
    for nodeid, lines in _state["tests"].items():
        files: dict[str, list[int]] = tests.setdefault(nodeid, {})
        for filename, number in lines:
            files.setdefault(_files[filename] or filename, []).append(number)
        for numbers in files.values():
            numbers.sort()
    out = _state.pop("out")
    data = {"python": sys.version, "executable": sys.executable, "tracer": _state["tracer"],
            "tests": tests}
    try:
        os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
        with open(out, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
    except OSError as exc:
        print(f"homeostasis_spectrum: cannot write {out}: {exc}", file=sys.stderr)
